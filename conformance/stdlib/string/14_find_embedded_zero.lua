-- lua5.1 matches a literal zero byte in patterns (LuaJIT cuts the pattern there).
-- Embedded zeros in subjects and patterns.
local s = "ab\0cd\0ef"
print(#s)
print(s:find("\0"))
print(s:find("\0", 4))
print(s:find("c", 1, true))
print(s:find("%z"))
print(s:find("[%z]c"))
print(s:find("\0c"))
print(s:find("d\0e", 1, true))
-- A pattern ends at its first zero byte: "\0" with gsub is the empty pattern.
print(string.format("%q", (s:gsub("\0", "|"))))
print(s:match("(%w+)%z(%w+)"))
