-- __unm receives the operand (5.1 and LuaJIT pass it as both arguments).
local second
local t = setmetatable({v = 5}, {__unm = function(a, b) second = b return -a.v end})
print(-t, rawequal(second, t))
local x = -t
print(x)
print(pcall(function() return -{} end))
