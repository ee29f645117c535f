-- math.floor/ceil/abs/sqrt are recorded as IR.
-- (lua5.1 differs on the last value: its math.floor(-0.0) is +0; LuaJIT keeps -0.)
-- jv: [TRACE   1 05_math_fastfuncs.lua:6 loop]
local floor, ceil, abs, sqrt = math.floor, math.ceil, math.abs, math.sqrt
local s = 0
for i = -300, 300 do
  local a = abs(i)
  s = s + floor(i / 7) + ceil(i / 3) + a + sqrt(a)
end
print(s)
local m = 0
for i = 1, 300 do m = m + math.floor(-i * 0.5) end
print(m, 1 / math.floor(-0.0))
