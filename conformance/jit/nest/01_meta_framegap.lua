-- The "meta framegap" shape: a metamethod with a hot loop of its own, called from a hot
-- traced loop, with checkpoints inside both loops. The inner loop's trace runs in the
-- metamethod's frame above a continuation frame; every exit must be attributed to the
-- trace and frame base it left from, so the checkpoints list the same frames and values
-- as the interpreter, at the default thresholds and at hotloop=1 (frame "__add"; lua5.1: "?").
-- jv: [TRACE   1 01_meta_framegap.lua:13 loop]
-- jv: [TRACE   2 01_meta_framegap.lua:21 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local V = {}
V.__add = function(a, b)
  local acc = a.base
  local step = b % 3 + 1
  for j = 1, 40 do
    acc = acc + j * step
    if j == 40 and b % 50 == 0 then cp("inner b=" .. b .. " j=" .. j) end
  end
  return acc
end
V.__index = function(t, k)
  local n = 0
  for j = 1, k % 5 + 30 do n = n + (j % 3) end
  return n
end
local obj = setmetatable({base = 7}, V)
local total = 0
for i = 1, 150 do
  total = total + (obj + i) + obj[i]
  if i % 60 == 0 then cp("outer i=" .. i) end
end
print(total)
