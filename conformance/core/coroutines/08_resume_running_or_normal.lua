-- LuaJIT says "running" for a normal coroutine too; lua5.1 says "cannot resume normal coroutine".
-- Resuming a running or normal coroutine fails.
local co
co = coroutine.create(function()
  print(coroutine.resume(co))
  local inner = coroutine.create(function() print(coroutine.resume(co)) end)
  coroutine.resume(inner)
end)
coroutine.resume(co)
