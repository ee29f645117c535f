-- table.remove at #t, #t + 1 and beyond, and at 0.
local t = {1, 2, 3}
print(table.remove(t, 3), #t)
print(table.remove(t, 3), #t)
print(table.remove(t, 10), #t)
local z = {[0] = "zero"}
print(table.remove(z, 0), z[0])
local e = {}
print(table.remove(e, 0), #e)
print(table.remove(e, 1))
local u = {"a", "b"}
print(table.remove(u, -1), #u)
