-- resume returns true plus the function's return values when the coroutine finishes.
local co = coroutine.create(function(...) return select("#", ...), ... end)
print(coroutine.resume(co, "a", nil))
local co2 = coroutine.create(function() end)
print(coroutine.resume(co2))
print(select("#", coroutine.resume(coroutine.create(function() end))))
