-- modf of special values (LuaJIT returns 0 as the fraction of infinities).
local i, f = math.modf(-3)
print(i, f == 0)
local a, b = math.modf(0/0)
print(a ~= a, b ~= b)
