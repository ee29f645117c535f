-- lua5.1 has no \u escape, so the last string has another length there.
-- # of strings counts bytes.
print(#"", #"a", #"hello", #"\0\0", #"\u{20AC}")
local s = ""
for i = 1, 100 do s = s .. "ab" end
print(#s)
print(pcall(function() return #nil end))
print(pcall(function() local n = 5 return #n end))
