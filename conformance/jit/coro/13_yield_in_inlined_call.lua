-- The yield is made by a function inlined into the coroutine's traced loop: the trace
-- ends at the yield inside the callee's frame.
-- jv: [TRACE   1 13_yield_in_inlined_call.lua:14 stitch coroutine.yield]
-- jv: [TRACE   2 13_yield_in_inlined_call.lua:22 stitch wrap]
-- jv: [TRACE   3 (1/stitch) 13_yield_in_inlined_call.lua:15 -> 1]
-- jv: [TRACE   4 (2/stitch) 13_yield_in_inlined_call.lua:24 -> 2]
local cp = dofile("../fixtures/checkpoint.lua")
local function emit(v, i)
  if i == 123 then cp("before yield") end
  return coroutine.yield(v)
end
local co = coroutine.wrap(function()
  local s = 0
  for i = 1, 300 do
    local back = emit(i * i, i)
    s = s + back
  end
  return s
end)
local v = co()
local total = 0
for i = 1, 299 do
  total = total + v
  v = co(i % 7)
end
print(total, v)
