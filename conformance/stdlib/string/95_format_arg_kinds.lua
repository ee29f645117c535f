-- lua5.1 rounds the tie 2.25 to even (2.2); LuaJIT rounds away from zero (2.3).
-- Conversions receive strings that look like numbers.
print(string.format("%d", "0x10"))
print(string.format("%5.1f", " 2.25 "))
print(string.format("%x", "255"))
print(string.format("%c", "65"))
print(string.format("%g", "1e3"))
print(string.format("%s", 12))
print(pcall(string.format, "%d", "1e"))
print(pcall(string.format, "%x", "0x"))
