-- Identity tests of fresh tables on trace (rawequal) need real tables: both are
-- allocated, and two constructors never make the same table.
local n = 0
for i = 1, 300 do
  local a, b = { i }, { i }
  if not rawequal(a, b) then n = n + 1 end
  if rawequal(a, a) then n = n + 1 end
end
print(n)
-- jv: [TRACE   1 26_identity_compare.lua:4 loop]
