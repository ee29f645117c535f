-- Recursive backtracking with a loop at every level (queens' shape): the side trace
-- from the loop's end returns into the level below (a frame of the same function) and
-- links back to the loop's trace there, the base moved down. Checkpoints on cold paths
-- show the frames as exits rebuild them after such returns, and a value of another type
-- on one level makes the linked loop exit on a frame the side trace returned into.
-- jv: [TRACE   1 39_side_return_below.lua:13 loop]
-- jv: [TRACE * (1/*) 39_side_return_below.lua:13 -> 1]
local cp = dofile("../fixtures/checkpoint.lua")
local used, n, show = {}, 5, false
local function perms(depth, acc)
  if depth > n then return 1 end
  local count = 0
  for v = 1, n do
    if not used[v] then
      used[v] = true
      count = count + perms(depth + 1, acc * 10 + v)
      used[v] = false
      if show and depth == 2 and v == 3 then cp("back at depth " .. depth) ; show = false end
    end
  end
  return count
end
local total = 0
for _ = 1, 4 do total = total + perms(1, 0) end
print(total)
show = true
print(perms(1, 0))
n = 6
print(perms(1, 0))
used[4] = "no"
print(perms(1, 0), used[4])
used[4] = false
print(perms(1, 0.5))
