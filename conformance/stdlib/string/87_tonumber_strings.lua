-- lua5.1 accepts "1\0" (it stops at the zero byte) and quotes control characters differently.
-- tonumber of strings: decimal, hex, exponents, whitespace, garbage.
local cases = {"10", "  10  ", "0x10", "0X1f", "1e2", "1E-2", ".5", "5.", "-7", "+7", "- 7", "1e", "0x", "", " ", "abc", "10abc", "1.2.3", "\t\n12\r", "0x1p4", "inf", "nan", "1e400", "-1e400", "0x7fffffff", "1 2", "1\0"}
for _, s in ipairs(cases) do print(string.format("%q", s), tonumber(s)) end
