-- LuaJIT's stack overflow message has no position; lua5.1's has one.
-- Stack overflow inside a coroutine is returned by resume.
local function f(n) return 1 + f(n + 1) end
local co = coroutine.create(function() return f(1) end)
print(coroutine.resume(co))
print(coroutine.status(co))
