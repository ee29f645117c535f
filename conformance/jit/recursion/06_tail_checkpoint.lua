-- A checkpoint inside a tail-recursive trace: the exit rebuilds the one frame the
-- interpreter has (tail calls replace it) with its current locals.
-- (lua5.1 differs: its tail calls leave "(tail call)" frames that the listing shows.)
-- jv: [TRACE * 06_tail_checkpoint.lua:6 tail-recursion]
local cp = dofile("../fixtures/checkpoint.lua")
local function walk(n, acc)
  if n == 0 then return acc end
  if n == 1234 then cp("tail") end
  local step = n % 7
  return walk(n - 1, acc + step)
end
print(walk(5000, 0))
print(walk(3000, 1))
