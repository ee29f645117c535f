-- Stack overflow inside a coroutine: its own stack overflows, resume returns the
-- error, the coroutine is dead, and the main thread recurses on.
-- (lua5.1 differs: its message carries the position; LuaJIT's does not.)
-- jv: [TRACE * 13_stack_overflow_coroutine.lua:5 up-recursion]
local function inf(n) return 1 + inf(n + 1) end
local co = coroutine.create(function(x) return inf(x) end)
print(coroutine.resume(co, 1))
print(coroutine.status(co))
local co2 = coroutine.wrap(function() local ok, e = pcall(inf, 1) coroutine.yield(ok, e) return "done" end)
print(co2())
print(co2())
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(8000))
