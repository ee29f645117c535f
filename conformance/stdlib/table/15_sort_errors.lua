-- table.sort errors: mixed types, invalid comparators.
print(pcall(table.sort, {3, "a", 1}))
print(pcall(table.sort, {{}, {}}))
print(pcall(table.sort))
print(pcall(table.sort, "x"))
print(pcall(table.sort, {1, 2}, 3))
print(pcall(table.sort, {3, 2, 1}, function(a, b) error("cmp") end))
print(pcall(table.sort, {1, 2, 3}, function(a, b) return a.x < b end))
