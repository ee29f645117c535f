-- Every value the trace holds in registers is written back at an exit.
-- jv: [TRACE   1 02_values_restored.lua:5 loop]
local a, b, c, d = 1, 2, 3, 4
local stop = 250
for i = 1, 1000 do
  a = a + 1; b = b * 1.5 % 1000; c = c - a; d = i
  if i == stop then break end
end
print(a, b, c, d)
