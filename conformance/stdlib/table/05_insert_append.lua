-- table.insert appends at #t + 1.
local t = {}
table.insert(t, "a")
table.insert(t, "b")
table.insert(t, 3)
print(#t, table.concat(t, ","))
table.insert(t, false)
print(#t, t[4])
local u = {1, 2, 3}
table.insert(u, nil)
print(#u)
