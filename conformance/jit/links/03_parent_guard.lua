-- A side trace starts at the comparison whose guard failed in its parent, and records
-- it taking the other branch: where that failure is its only way in, it does not
-- compare again. Here the flip loop's `lo < hi` fails on an ordinary end, on a NaN
-- (hi times 0/0, which no ordered comparison holds for) and on an infinity, and the
-- outer loop's `first ~= 1` fails against its constant. Checkpoints in the side traces
-- print what the exits left.
-- jv: [TRACE   1 03_parent_guard.lua:21 loop]
-- jv: [TRACE   2 (1/*) 03_parent_guard.lua:* -> 1]
local cp = dofile("../fixtures/checkpoint.lua")
local factors = { 1, 1, 0 / 0, 1, 1, 1 / 0, 1 }
local firsts = { 3, 1, 4, 1, 5, 2, 6 }
local ends, nans, infs, ones = 0, 0, 0, 0
for round = 1, 400 do
  local f = factors[1 + round % #factors]
  local first = firsts[1 + round % #firsts]
  if first ~= 1 then
    local lo, hi = 0, first
    -- With f NaN, hi is NaN after one trip and `lo < hi` fails; with f infinite,
    -- hi is infinite and the loop stops at the count instead.
    local trips = 0
    while lo < hi do
      lo, hi = lo + 1, hi * f
      trips = trips + 1
      if trips == 5 then break end
    end
    if hi ~= hi then nans = nans + 1 elseif hi == 1 / 0 then infs = infs + 1 else ends = ends + lo end
    if round % 97 == 0 then cp("round " .. round .. " f " .. tostring(f)) end
  else
    ones = ones + 1
  end
end
print(ends, nans, infs, ones)
