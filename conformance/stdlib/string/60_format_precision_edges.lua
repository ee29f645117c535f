-- LuaJIT formats floats itself and rounds exact ties away from zero (0.125 -> 0.13);
-- lua5.1 uses the C library, which rounds ties to even (0.12).
-- Precision and width edges for float conversions.
print(string.format("%.0e", 12345))
print(string.format("%.0g", 0.0001234))
print(string.format("%.99f", 1):len())
print(string.format("%99.2f|", 1):len())
print(string.format("%-10.3f|", -1.5))
print(string.format("%010.3f|", -1.5))
print(string.format("%+.2e", 0.000123))
print(string.format("% .3g", 123456))
print(string.format("%#.3g", 1))
print(string.format("%#x|%#o", 255, 255))
print(string.format("%.3f", 2.0005))
print(string.format("%.2f", 0.125))
print(string.format("%.2f", 0.375))
print(string.format("%.15g", 0.1 + 0.2))
print(string.format("%5.3s|", "abcdef"))
