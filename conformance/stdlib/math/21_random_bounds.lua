-- Many draws stay within bounds and cover the range (counts are deterministic after a seed).
-- lua5.1 uses the C rand(), whose counts differ.
math.randomseed(99)
local counts = {0, 0, 0, 0, 0, 0}
for i = 1, 6000 do
  local r = math.random(6)
  counts[r] = counts[r] + 1
end
print(table.concat(counts, " "))
local lo, hi = 1, 0
for i = 1, 1000 do local r = math.random(); if r < lo then lo = r end; if r > hi then hi = r end end
print(lo >= 0, hi < 1)
