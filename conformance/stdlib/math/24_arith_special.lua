-- inf and nan arithmetic through math functions.
local inf, nan = math.huge, 0/0
print(inf - inf ~= inf - inf, inf * 0 ~= inf * 0)
print(math.max(inf, 1), math.min(-inf, 1))
print(math.floor(nan) ~= math.floor(nan))
print(nan == nan, nan ~= nan, nan < 1, nan > 1)
print(math.abs(nan) ~= math.abs(nan))
