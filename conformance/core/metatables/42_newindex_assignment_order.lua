-- In a multiple assignment LuaJIT stores right to left (the manual leaves the order open).
local t = setmetatable({}, {__newindex = function(t, k, v) print("set", k, v) end})
t.a, t.b, t.c = 1, 2, 3
local a
a, a = 1, 2
print(a)
