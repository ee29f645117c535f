-- table.sort with the default comparison on numbers.
local t = {5, 3, 8, 1, 9, 2, 7, 4, 6, 0}
table.sort(t)
print(table.concat(t, " "))
local u = {3.5, -1, 2, -7.25, 0, 1e10, -1e10}
table.sort(u)
print(table.concat(u, " "))
local one = {42}
table.sort(one)
print(one[1])
local empty = {}
table.sort(empty)
print(#empty)
local dup = {2, 1, 2, 1, 2, 1}
table.sort(dup)
print(table.concat(dup, " "))
