-- A checkpoint in a callee inlined into a function trace: the exit rebuilds the
-- function's frame and its callee's as the interpreter has them. (The loop makes a
-- closure, which is not recorded, so it does not trace itself.)
-- jv: [TRACE * 05_function_trace_checkpoint.lua:11 return]
local cp = dofile("../fixtures/checkpoint.lua")
local function inner(v, w)
  local q = v + w
  if v == 250 then cp("inner") end
  return q
end
local function outer(v)
  local p = v * 2
  return inner(v, p) + p
end
local acc = {}
for i = 1, 300 do
  local _ = function() end
  acc[#acc + 1] = string.format("%d", outer(i))
end
print(#acc, acc[300])
