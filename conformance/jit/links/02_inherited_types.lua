-- A side trace reads slots its parent's exit has just written without checking their
-- types again: at the flip loop's ends, lo and hi (integers on trace), and what the
-- loop body set, a string, a table, a boolean and nil. Values the side trace loads
-- that its parent did not write (step, a fraction now and then) keep their checks.
-- Checkpoints in the side traces show the frames.
-- jv: [TRACE   1 02_inherited_types.lua:19 loop]
-- jv: [TRACE   2 (1/*) 02_inherited_types.lua:* -> 1]
local cp = dofile("../fixtures/checkpoint.lua")
local work = { 5, 4, 3, 2, 1, 6, 7, 8 }
local names = { "a", "b", "c" }
local flips, total, frac = 0, 0, 0
local flag, none, name = false, nil, "x"
for round = 1, 300 do
  local first = 1 + round % 7
  local lo, hi = 1, first
  local step = (round % 50 == 0) and 0.5 or 1
  local w = work
  local s, t, b, z = "", nil, false, 0
  while lo < hi do
    w[lo], w[hi] = w[hi], w[lo]
    s, t, b, z = names[1 + lo % 3], w, lo > 1, nil
    lo, hi = lo + 1, hi - 1
  end
  -- The side trace at the loop's exit reads what the loop's exit wrote: lo, hi
  -- (integers on trace), s (a string), t (a table), b (a boolean) and z (nil).
  if t then total = total + #t + #s end
  if b then total = total + 1 end
  if z == nil then total = total + 2 end
  flips = flips + 1
  total = total + lo * 10 + hi + #w
  if w[lo] then total = total + w[lo] end
  if w[hi + step] then frac = frac + 1 end
  flag = not flag
  if none == nil and flag then name = names[1 + round % 3] end
  if round % 61 == 0 then cp("round " .. round .. " " .. name) end
end
print(flips, total, frac, name, flag, none)
print(table.concat(work, " "))
