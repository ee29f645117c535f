-- lua5.1: a trailing lone % in the replacement adds nothing.
-- Replacement string escapes %0-%9 and invalid ones.
print(string.gsub("abc", "(a)(b)(c)", "%3%2%1"))
print(string.gsub("abc", "b", "[%0]"))
print(string.gsub("abc", "b", "[%1]"))
print(pcall(string.gsub, "abc", "(b)", "%2"))
print(pcall(string.gsub, "abc", "b", "%2"))
print(pcall(string.gsub, "abc", "b", "%x"))
-- A lone trailing % copies the byte after the replacement: LuaJIT reads its NUL terminator.
print(string.byte((string.gsub("abc", "b", "%")), 1, -1))
print(string.gsub("abc", "()b", "%1"))
print(string.gsub("a.b", "%.", "%%"))
print(string.gsub("abc", "(a)(b)(c)", "%0|%1"))
