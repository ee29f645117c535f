-- % and / of integer indexes with negative operands: always doubles (the results can
-- be fractions or -0), and their comparisons with integers compare doubles.
local a, b, c, d = 0, 0, 0, 0
local negz = 0
for i = -60, 60 do
  a = a + i % 7 + i % -7
  b = b + i / 4
  if i % 3 == 0 then c = c + 1 end
  if i / 2 < -10 then d = d + 1 end
  local m = -i % 5
  if m == 0 and 1 / m < 0 then negz = negz + 1 end
end
print(a, b, c, d, negz)

local q = {}
for i = -9, 9, 2 do q[#q + 1] = (i % -4) .. "/" .. (i / -3) end
print(table.concat(q, " "))

local f = 0
for i = -100, 100 do f = f + math.floor(i / 3) - math.ceil(i / 3) end
print(f)
