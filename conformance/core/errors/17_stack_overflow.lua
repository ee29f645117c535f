-- LuaJIT's stack overflow message has no position; lua5.1's has one.
-- Unbounded recursion ends in a catchable "stack overflow" error.
local function f() return 1 + f() end
local ok, e = pcall(f)
print(ok, e)
local depth = 0
local function g() depth = depth + 1 g() end
print(pcall(g))
print(depth > 1000)
print(pcall(function() return "still works" end))
