-- i * i of an integer index: compared with an integer it is an integer product with
-- an overflow check; 46341 * 46341 no longer fits in 32 bits.
local function count(a, b, lim)
  local c = 0
  for i = a, b do
    if i * i > lim then c = c + 1 end
  end
  return c
end
print(count(1, 1000, 250000))
print(count(46000, 46400, 2 ^ 31 - 1))
print(count(-46400, -46000, 2147395600))
print(count(46300, 46400, 2 ^ 31))

-- A product that is also kept (an exit reads it): it stays a double.
local last
for i = 46330, 46350 do
  last = i * i
  if last > 2147483647 then break end
end
print(last, last - 2 ^ 31)

-- Products of two indexes' worth, and sums of them, compared with a bound.
local hits = 0
for i = 30000, 70000, 97 do
  if i * i - i * 3 >= 2 ^ 31 then hits = hits + 1 end
  if i + i * 2 + 7 < 100000 then hits = hits + 1000 end
end
print(hits)
