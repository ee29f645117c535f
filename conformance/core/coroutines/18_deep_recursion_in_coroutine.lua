-- Coroutines have their own growable stacks.
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
local co = coroutine.create(function() return depth(10000) end)
print(coroutine.resume(co))
