-- A comparator that returns non-booleans: any true value counts as true.
local t = {3, 1, 2}
table.sort(t, function(a, b) if a < b then return 1 end return nil end)
print(table.concat(t, " "))
local u = {"b", "c", "a"}
table.sort(u, function(a, b) return a < b and "yes" or false end)
print(table.concat(u, " "))
