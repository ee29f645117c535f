-- Table functions on nested tables and tables used as arrays of tables.
local m = {}
for i = 1, 3 do m[i] = {} for j = 1, 3 do m[i][j] = i * j end end
for i = 1, 3 do print(table.concat(m[i], " ")) end
table.insert(m, 2, {0, 0, 0})
print(#m, table.concat(m[2], " "), table.concat(m[3], " "))
table.sort(m, function(a, b) return a[1] > b[1] end)
print(m[1][1], m[#m][1])
