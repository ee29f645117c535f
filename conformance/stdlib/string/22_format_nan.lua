-- NaN formatting: LuaJIT prints "nan" or "-nan" depending on the sign bit.
-- lua5.1 uses the C library, which prints "-nan" for 0/0 on x86-64.
local nan = 0/0
print(string.format("%f", nan))
print(string.format("%g", -nan))
print(string.format("%.3e", math.abs(nan)) == string.format("%.3e", math.abs(nan)))
print(tostring(nan) == tostring(nan))
