-- Several coroutines run the same function, interleaved: its trace is entered on each
-- thread's own stack, at that thread's frame.
-- jv: [TRACE   1 06_same_trace_many_threads.lua:8 loop]
-- jv: [TRACE   2 (1/*) 06_same_trace_many_threads.lua:10 stitch coroutine.yield]
-- jv: [TRACE   3 (2/stitch) 06_same_trace_many_threads.lua:10 -> 1]
local function worker(id)
  local s = 0
  for i = 1, 600 do
    s = s + i * id
    if i % 150 == 0 then coroutine.yield(s) end
  end
  return s
end
local cos = {}
for id = 1, 4 do cos[id] = coroutine.create(worker) end
local sums = {}
for step = 1, 5 do
  for id = 1, 4 do
    local ok, v = coroutine.resume(cos[id], id)
    sums[id] = (sums[id] or 0) + (v or 0)
  end
end
print(sums[1], sums[2], sums[3], sums[4])
