-- gsub with a table replacement: missing keys and false keep the match.
local t = {name = "Lua", ver = 5.1, bad = false}
print(string.gsub("$name $ver $none $bad", "%$(%w+)", t))
print(string.gsub("abc", "%w", {a = 1, b = true and "B"}))
print(string.gsub("hello", ".", {h = "H", o = "0"}))
print(string.gsub("x y", "(%w)", {x = "1"}))
print(pcall(string.gsub, "abc", "%w", {a = {}}))
