-- lua5.1 matches literal zero bytes in patterns; LuaJIT cuts the pattern at the first one.
-- Patterns with %z, literal zeros and sets of zeros.
local s = "a\0b\0\0c"
print(select(2, s:gsub("%z", "")))
print(select(2, s:gsub("\0", "")))
print(pcall(string.gsub, s, "[\0]", ""))
print(select(2, s:gsub("%Z", "")))
print(select(2, s:gsub("%z+", "")))
print((s:gsub("[^%z]", "."):gsub("%z", "0")))
print(s:find("\0\0", 1, true))
print(s:find("%z%z"))
