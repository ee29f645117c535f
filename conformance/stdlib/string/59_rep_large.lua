-- lua5.1 ignores rep's separator argument.
-- Large repetitions and their lengths.
print(#string.rep("abc", 10000))
print(#string.rep("abc", 1000, ", "))
local s = string.rep("ab", 500)
print(s:sub(999, 1000), s:find("ba", 998, true))
print(select(2, string.gsub(s, "ab", "")))
