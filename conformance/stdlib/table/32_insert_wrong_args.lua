-- table.insert with a wrong number of arguments.
print(pcall(table.insert, {}, 1, 2, 3, 4))
print(pcall(table.insert, nil, 1))
print(pcall(table.insert, {}, nil, 1))
local t = {}
table.insert(t, 1000, "far")
print(t[1000], next(t))
