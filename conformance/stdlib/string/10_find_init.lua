-- string.find with positive, negative, zero and out-of-range init.
local s = "abcabcabc"
print(s:find("abc", 1))
print(s:find("abc", 2))
print(s:find("abc", 7))
print(s:find("abc", 8))
print(s:find("abc", -3))
print(s:find("abc", -4))
print(s:find("abc", -100))
print(s:find("abc", 0))
print(s:find("", 10))
print(s:find("", 11))
print(s:find("", 100))
print(s:find("c", -1, true))
