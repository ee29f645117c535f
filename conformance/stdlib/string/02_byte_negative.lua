-- string.byte with negative and out-of-range indices.
local s = "abcdef"
print(s:byte(-1))
print(s:byte(-3, -1))
print(s:byte(-100, 2))
print(s:byte(5, 100))
print(select("#", s:byte(0)))
print(s:byte(0, 1))
print(select("#", s:byte(7, 9)))
print(select("#", s:byte(-7)))
print(s:byte(-6))
