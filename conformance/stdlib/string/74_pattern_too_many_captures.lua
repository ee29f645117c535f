-- At most 32 captures.
local p32 = string.rep("(.)", 32)
local s = string.rep("x", 40)
print(select("#", s:match(p32)))
print(pcall(string.match, s, string.rep("(.)", 33)))
print(pcall(string.match, s, string.rep("()", 33)))
