-- Error messages from inside a coroutine carry the coroutine function's position.
local co = coroutine.create(function()
  local t = nil
  return t.x
end)
print(coroutine.resume(co))
local co2 = coroutine.create(function() undefined_fn() end)
print(coroutine.resume(co2))
