-- lua5.1 has no %a.
-- %a and %A hexadecimal floats.
print(string.format("%a", 1))
print(string.format("%a", 0.5))
print(string.format("%A", 255.5))
print(string.format("%a", -0.1))
print(string.format("%a", 0))
print(string.format("%.2a", 1/3))
print(string.format("%a", 2^-1074))
print(string.format("%a", math.huge))
