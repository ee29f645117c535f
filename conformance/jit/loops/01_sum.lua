-- A numeric for loop over doubles becomes one looping trace.
-- jv: [TRACE   1 01_sum.lua:4 loop]
local s = 0
for i = 1, 1000 do
  s = s + i * 0.5
end
print(s)
