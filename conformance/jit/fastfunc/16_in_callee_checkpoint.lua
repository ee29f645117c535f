-- Fast functions inside an inlined callee; a checkpoint inside the callee at one
-- iteration (a cold branch: the trace exits there) shows the rebuilt frames.
-- jv: [TRACE   1 16_in_callee_checkpoint.lua:12 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local function dist(x, y)
  local d = math.sqrt(x * x + y * y)
  local f = math.floor(d)
  if x == 150 then cp("in dist") end
  return f
end
local total = 0
for i = 1, 300 do
  total = total + dist(i, i % 17)
end
print(total)
