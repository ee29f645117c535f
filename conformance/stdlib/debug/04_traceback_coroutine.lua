-- lua5.1 cannot create a coroutine from a C function.
-- debug.traceback of another coroutine shows its own stack.
local co = coroutine.create(function(a)
  local function deeper() coroutine.yield(1) end
  deeper()
  return a
end)
coroutine.resume(co, 5)
print(debug.traceback(co))
print(debug.traceback(co, "with message"))
print(debug.traceback(co, "level 1", 1))
coroutine.resume(co)
print(debug.traceback(co))
print(debug.traceback(coroutine.create(print)))
