-- resume and yield pass multiple values both ways.
local co = coroutine.create(function(a, b)
  local c, d, e = coroutine.yield(a + b, a - b)
  return c, d, e, "done"
end)
print(coroutine.resume(co, 10, 3))
print(coroutine.resume(co, "x", nil, "z"))
print(coroutine.resume(co))
