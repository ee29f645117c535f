-- lua5.1 ignores rep's separator argument.
-- Chained string operations on intermediate results.
local s = ("Hello World"):lower():gsub("o", "0"):upper()
print(s)
print(("abc"):rep(3):sub(4, 6):upper():byte(1, -1))
print(("  x  "):match("^%s*(.-)%s*$"):len())
print(string.format("%s", ("a"):rep(3, "-")):reverse())
