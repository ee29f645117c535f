-- gsub with a function replacement: nil/false keep the match; numbers are converted.
print(string.gsub("1 2 3", "%d", function(d) return d * 10 end))
print(string.gsub("a b c", "%a", function(c) if c == "b" then return nil end return c:upper() end))
print(string.gsub("a b", "%a", function() return false end))
print(string.gsub("k=v", "(%w)=(%w)", function(k, v) return v .. "=" .. k end))
print(string.gsub("abc", "", function() return "." end))
print(pcall(string.gsub, "abc", "%w", function() return {} end))
local calls = 0
string.gsub("aaaa", "a", function() calls = calls + 1 end, 2)
print(calls)
