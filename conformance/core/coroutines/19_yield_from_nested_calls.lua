-- Yield from a function several calls deep inside the coroutine.
local function leaf(v) return coroutine.yield(v) end
local function mid(v) return leaf(v) + 1 end
local co = coroutine.wrap(function() return mid(10) * 2 end)
print(co())
print(co(5))
