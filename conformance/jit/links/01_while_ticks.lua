-- A `while` loop ticks the budget twice an iteration (its backward jump and the `LOOP`
-- it reaches), with its condition between: the trace checks for both ticks at once.
-- The loop allocates, so the GC comes due inside it: the check leaves for the collector
-- while the collector runs, and goes on while it is stopped. The side trace at the
-- loop's end (the outer `while` and its tick) prints checkpoints on some trips.
-- jv: [TRACE   1 01_while_ticks.lua:17 loop]
-- jv: [TRACE   2 (1/*) 01_while_ticks.lua:17 -> 1]
local cp = dofile("../fixtures/checkpoint.lua")
local keep, sum, trips = {}, 0, 0
local outer = 0
while outer < 400 do
  outer = outer + 1
  if outer == 150 then collectgarbage("stop") end
  if outer == 300 then collectgarbage("restart") end
  local lo, hi = 1, 1 + outer % 5
  local t
  while lo < hi do
    t = { lo, hi }
    sum = sum + t[1] * t[2]
    lo, hi = lo + 1, hi - 1
  end
  trips = trips + 1
  keep[outer % 7 + 1] = t
  if outer % 97 == 0 then cp("outer " .. outer) end
end
local kept = 0
for i = 1, 7 do if keep[i] then kept = kept + 1 end end
print(sum, trips, kept)
