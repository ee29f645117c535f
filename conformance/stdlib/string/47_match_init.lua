-- string.match with init positions.
local s = "one two three"
print(s:match("%a+", 1))
print(s:match("%a+", 4))
print(s:match("%a+", 5))
print(s:match("%a+", -5))
print(s:match("%a+", 100))
print(s:match("^%a+", 5))
print(s:match("", 14))
print(s:match("", 15))
print(s:match("()", -1))
