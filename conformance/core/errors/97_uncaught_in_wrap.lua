-- LuaJIT's wrap rethrows a string error with the caller's position prepended.
-- An error inside a wrapped coroutine propagates to the top level.
local f = coroutine.wrap(function() error("from the coroutine") end)
print("calling")
f()
