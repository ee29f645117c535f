-- debug.getlocal on a suspended coroutine's frames.
local co = coroutine.create(function(p)
  local inside = "in-co"
  coroutine.yield()
  return p, inside
end)
coroutine.resume(co, "param")
print(debug.getlocal(co, 1, 1))
print(debug.getlocal(co, 1, 2))
print(debug.getlocal(co, 1, 3))
print(debug.setlocal(co, 1, 2, "changed"))
print(coroutine.resume(co))
