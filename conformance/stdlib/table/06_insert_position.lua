-- table.insert at a position shifts elements up.
local t = {"b", "c"}
table.insert(t, 1, "a")
print(table.concat(t, ","))
table.insert(t, 4, "d")
print(table.concat(t, ","))
table.insert(t, 2, "x")
print(table.concat(t, ","))
table.insert(t, #t, "y")
print(table.concat(t, ","))
local u = {}
table.insert(u, 1, "only")
print(#u, u[1])
table.insert(u, 1.0, "first")
print(table.concat(u, ","))
