-- An exit at an array bounds check inside an inlined call restores both frames, with
-- the values the loop stored so far.
-- jv: [TRACE * 26_checkpoint_array_exit.lua:12 loop]
-- jv: [TRACE * 26_checkpoint_array_exit.lua:14 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local function get(t, i)
  local v = t[i]
  if v == nil then cp("bounds") return 0 end
  return v
end
local t = {}
for i = 1, 250 do t[i] = i * 3 end
local s = 0
for i = 1, 260 do
  t[(i % 250) + 1] = t[(i % 250) + 1] + 1
  s = s + get(t, i)
end
print(s)
