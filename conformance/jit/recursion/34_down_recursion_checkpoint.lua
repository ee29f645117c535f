-- A checkpoint in the middle of the down-recursion (on the way back up the frames):
-- the exit from the down-recursive trace rebuilds the frames below it as they are.
-- jv: [TRACE * 34_down_recursion_checkpoint.lua:7 up-recursion]
-- jv: [TRACE --- 34_down_recursion_checkpoint.lua:8 -- down-recursion, restarting*]
-- jv: [TRACE * 34_down_recursion_checkpoint.lua:11 down-recursion]
local cp = dofile("../fixtures/checkpoint.lua")
local function sum(t, i, show)
  if i > #t then return 0 end
  local r = t[i] + sum(t, i + 1, show)
  if show and i == 3 then cp("up at " .. i) end
  return r
end
local t = {}
for i = 1, 60 do t[i] = i * 2 end
local s = 0
for j = 1, 80 do s = s + sum(t, 1, false) end
print(s)
print(sum(t, 1, true))
print(sum(t, 2, false))
