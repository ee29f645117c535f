-- 0 and -0 are equal but distinct constants: a compiler that deduplicates constants by
-- equality would make these divisions agree. (lua5.1 has that bug; LuaJIT keeps them apart.)
local a, b = -0.0, 0
print(1 / a, 1 / b)
local c, d = 0, -0
print(1 / c, 1 / d)
local t = {0, -0.0, 0.0}
print(1 / t[1], 1 / t[2], 1 / t[3])
