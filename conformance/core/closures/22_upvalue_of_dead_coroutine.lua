-- Closures over a coroutine's locals outlive the coroutine.
local get, set
local co = coroutine.create(function()
  local v = "inside"
  get = function() return v end
  set = function(x) v = x end
  coroutine.yield()
  v = "changed by coroutine"
end)
coroutine.resume(co)
print(get())
set("changed outside")
print(get())
coroutine.resume(co)
print(coroutine.status(co), get())
set("after death")
print(get())
