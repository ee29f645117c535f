-- A producer/filter/consumer pipeline of wrapped coroutines, all in hot loops.
-- jv: [TRACE   1 07_producer_consumer.lua:14 stitch wrap]
-- jv: [TRACE   2 07_producer_consumer.lua:8 stitch coroutine.yield]
-- jv: [TRACE   3 (1/stitch) 07_producer_consumer.lua:15 -> 1]
-- jv: [TRACE   4 (2/stitch) 07_producer_consumer.lua:8 -> 2]
local function producer(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i) end
    coroutine.yield(nil)
  end)
end
local function filter(src)
  return coroutine.wrap(function()
    while true do
      local v = src()
      if v == nil then coroutine.yield(nil) return end
      if v % 3 ~= 0 then coroutine.yield(v * v) end
    end
  end)
end
local sink, count = 0, 0
local f = filter(producer(400))
while true do
  local v = f()
  if v == nil then break end
  sink = sink + v
  count = count + 1
end
print(sink, count)
