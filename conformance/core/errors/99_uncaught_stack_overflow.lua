-- LuaJIT's stack overflow message has no position; lua5.1's has one.
-- Uncaught stack overflow.
local function f() return 1 + f() end
f()
