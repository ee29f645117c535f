-- lua5.1's %q keeps tabs and bytes >= 127 raw, writes \r and \000, and stops at a zero byte.
-- %q quotes strings so that they read back.
print(string.format("%q", "hello"))
print(string.format("%q", 'say "hi"'))
print(string.format("%q", "back\\slash"))
print(string.format("%q", "line1\nline2"))
print(string.format("%q", "tab\there"))
print(string.format("%q", "cr\rhere"))
print(string.format("%q", "zero\0here"))
print(string.format("%q", "zero\0001"))
print(string.format("%q", "\1\2\127\200\255"))
print(string.format("%q", ""))
print(string.format("%q", 42))
local s = "a\0b\n\"c\\"
print(loadstring("return " .. string.format("%q", s))() == s)
