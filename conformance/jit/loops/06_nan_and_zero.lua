-- Comparisons with NaN and signed zeros keep their Lua meaning on trace.
local nan = 0 / 0
local lt, ge, eq, ne = 0, 0, 0, 0
for i = 1, 200 do
  if nan < i then lt = lt + 1 end
  if not (nan < i) then ge = ge + 1 end
  if nan == nan then eq = eq + 1 end
  if nan ~= nan then ne = ne + 1 end
end
print(lt, ge, eq, ne)
local z = 0
for i = 1, 200 do z = -z * 0 end
print(1 / z)
local m = 0
for i = 1, 200 do m = m + (-i) % 7 + i % -5 + 2 ^ (i % 4) end
print(m)
