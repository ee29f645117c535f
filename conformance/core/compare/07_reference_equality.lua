-- Tables, functions and coroutines compare by identity.
local a, b = {}, {}
local c = a
print(a == b, a == c, a ~= b)
local function body() end
local co1 = coroutine.create(body)
local co2 = coroutine.create(body)
print(co1 == co2, co1 == co1)
local f = function() end
print(f == f, f == function() end)
