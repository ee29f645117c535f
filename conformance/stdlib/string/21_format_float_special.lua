-- lua5.1 folds the constant -0.0 to 0, so it prints 0.000000 and 0.
-- Floating conversions of inf, nan and negative zero.
local inf, nan = math.huge, 0/0
print(string.format("%f %f", inf, -inf))
print(string.format("%e %g", inf, -inf))
print(string.format("%5.1f|", inf))
print(string.format("%-6g|", -inf))
print(string.format("%f", -0.0))
print(string.format("%g", -0.0))
print(string.format("%e", 0))
print(string.format("%+f", 0))
print(string.format("%d", inf) ~= nil)
