-- An error in a nested coroutine is returned to its resumer only.
local inner = coroutine.create(function() error("inner failure", 0) end)
local outer = coroutine.create(function()
  local ok, e = coroutine.resume(inner)
  coroutine.yield(ok, e)
  return "outer finished"
end)
print(coroutine.resume(outer))
print(coroutine.resume(outer))
print(coroutine.status(inner), coroutine.status(outer))
