-- A guard fails in the middle of the recursion (a value changes type several frames
-- down), the interpreter takes over from the rebuilt frames, and a checkpoint after
-- that shows them.
-- jv: [TRACE * 18_checkpoint_after_exit.lua:6 up-recursion]
local cp = dofile("../fixtures/checkpoint.lua")
local function walk(t, i)
  local v = t[i]
  if v == nil then return 0 end
  if type(v) == "string" then
    if i == 7 then cp("string at " .. i) end
    return #v + walk(t, i + 1)
  end
  return v + walk(t, i + 1)
end
local t = {}
for i = 1, 40 do t[i] = i end
local s = 0
for k = 1, 50 do s = s + walk(t, 1) end
print(s)
t[7] = "seven"
print(walk(t, 1))
t[30] = "thirty"
print(walk(t, 1), walk(t, 25))
