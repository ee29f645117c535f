-- Without __le, `a <= b` is `not (b < a)` through __lt with swapped operands; the
-- trace records the same fallback.
-- jv: [TRACE * 05_le_fallback.lua:11 loop]
-- jv: [TRACE * (*) 05_le_fallback.lua:6 -> *]
local C = {}
C.__lt = function(a, b) return a.k < b.k end
local xs = {}
for i = 1, 100 do xs[i] = setmetatable({k = (i * 37) % 11}, C) end
local m = setmetatable({k = 5}, C)
local n, r = 0, 0
for i = 1, 100 do
  if xs[i] <= m then n = n + 1 end
  if m >= xs[i] then r = r + 1 end
end
print(n, r)
