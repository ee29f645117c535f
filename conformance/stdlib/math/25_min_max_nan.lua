-- lua5.1 keeps the first argument when comparing against NaN fails the other way round.
-- min/max with NaN follow LuaJIT's comparison order (results printed as "nan"/number kinds).
local nan = 0/0
local function kind(x) if x ~= x then return "nan" end return tostring(x) end
print(kind(math.max(nan, 1)), kind(math.max(1, nan)))
print(kind(math.min(nan, 1)), kind(math.min(1, nan)))
