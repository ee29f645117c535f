-- Suspended coroutines that are no longer referenced are collected.
local weak = setmetatable({}, {__mode = "k"})
do
  local co = coroutine.create(function() coroutine.yield() end)
  coroutine.resume(co)
  weak[co] = true
end
collectgarbage()
collectgarbage()
print(next(weak))
