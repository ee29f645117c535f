-- In a multiple assignment all expressions are evaluated before any assignment.
local a, b = 1, 2
a, b = b, a
print(a, b)
local t = {1, 2, 3}
local i = 1
i, t[i] = i + 1, "changed"
print(i, t[1], t[2])
local x, y, z = 1, 2, 3
x, y, z = z, x, y
print(x, y, z)
