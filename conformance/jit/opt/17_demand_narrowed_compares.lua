-- Sums and differences of an integer index with constants, compared with integers: they
-- become integer arithmetic with overflow checks, exact up to int max and beyond.
local function count(a, b, k)
  local c = 0
  for i = a, b do
    local j = i + k
    if j - 3 > 40 then c = c + 1 end
    if i - k <= -5 then c = c + 100 end
  end
  return c
end
print(count(1, 100, 5))
print(count(-100, 100, 0))
print(count(2147483600, 2147483640, 100))
print(count(-2147483640, -2147483600, 100))
print(count(1, 100, 2 ^ 31))
print(count(1, 100, 0.5))

-- The same sum both compared and stored.
local hi, seen = 0, {}
for i = 2147483000, 2147483100 do
  local v = i + 600
  if v > 2147483647 then hi = hi + 1 end
  seen[#seen + 1] = v
end
print(hi, seen[1], seen[#seen])
