-- Calling a dead wrapped coroutine raises "cannot resume dead coroutine".
local f = coroutine.wrap(function() return 1 end)
print(f())
print(pcall(f))
