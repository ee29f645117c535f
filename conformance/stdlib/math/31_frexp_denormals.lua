-- frexp on subnormal numbers and ldexp into the subnormal range.
local m, e = math.frexp(2^-1074)
print(m, e)
m, e = math.frexp(3 * 2^-1070)
print(m, e)
print(math.ldexp(1, -1074) == 2^-1074, math.ldexp(1, -1075))
print(math.ldexp(-1, 1024), math.ldexp(0, 5000))
