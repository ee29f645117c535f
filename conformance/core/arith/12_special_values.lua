-- lua5.1 shares one constant slot for 0 and -0 and prints 0 for -0.0.
-- inf, -inf, nan and -0 print portably.
print(1/0, -1/0, 0/0 ~= 0/0)
print(-0.0, 0.0, -0.0 == 0.0)
print(tostring(1/0), tostring(-1/0))
print(math_is_not_used == nil)
local nan = 0/0
print(nan == nan, nan ~= nan, nan < nan, nan > 0, nan <= nan)
