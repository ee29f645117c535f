-- coroutine.running returns nil in the main thread (5.1) and the coroutine inside one.
print(coroutine.running())
local co
co = coroutine.create(function()
  print(coroutine.running() == co, type(coroutine.running()))
end)
coroutine.resume(co)
