-- Operations with math.huge.
local inf = math.huge
print(inf + 1, inf * -1, 1 / inf, -1 / inf)
print(math.floor(inf), math.ceil(-inf), math.sqrt(inf), math.exp(inf), math.exp(-inf))
print(math.log(inf), math.atan(-inf) == -math.pi / 2, math.tanh(inf))
print(inf > 2^1023, -inf < -2^1023)
