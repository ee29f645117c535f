-- Multiple assignment: extra values are dropped, missing ones are nil.
local function f() return 1, 2, 3 end
local a, b, c, d = f()
print(a, b, c, d)
local e, g = f(), 10
print(e, g)
local x, y, z = 5
print(x, y, z)
local p, q = 1, 2, 3, 4
print(p, q)
