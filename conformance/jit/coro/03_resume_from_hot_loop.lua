-- coroutine.resume called from a traced loop, each time running the coroutine to its
-- next yield (whose values the stitched trace reads).
-- jv: [TRACE   1 03_resume_from_hot_loop.lua:9 stitch coroutine.yield]
-- jv: [TRACE   2 03_resume_from_hot_loop.lua:15 stitch coroutine.resume]
-- jv: [TRACE   3 (1/stitch) 03_resume_from_hot_loop.lua:10 -> 1]
-- jv: [TRACE   4 (2/stitch) 03_resume_from_hot_loop.lua:16 -> 2]
local co = coroutine.create(function(a)
  local acc = a
  while true do
    local x = coroutine.yield(acc)
    acc = acc + x
  end
end)
local total = 0
for i = 1, 250 do
  local ok, v = coroutine.resume(co, i)
  total = total + v
end
print(total, coroutine.status(co))
