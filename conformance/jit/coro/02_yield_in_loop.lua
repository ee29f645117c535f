-- A generator yielding from its hot loop and a consumer resuming it from a hot loop:
-- both traces end with a stitch at the yield and at the wrapped call, and no trace
-- spans the switch between the two stacks.
-- jv: [TRACE   1 02_yield_in_loop.lua:12 stitch wrap]
-- jv: [TRACE   2 02_yield_in_loop.lua:9 stitch coroutine.yield]
-- jv: [TRACE   3 (1/stitch) 02_yield_in_loop.lua:12 -> 1]
-- jv: [TRACE   4 (2/stitch) 02_yield_in_loop.lua:9 -> 2]
local gen = coroutine.wrap(function()
  for i = 1, 300 do coroutine.yield(i * 3) end
end)
local s = 0
for i = 1, 300 do s = s + gen() end
print(s)
