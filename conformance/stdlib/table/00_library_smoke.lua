-- lua5.1 has no table.move.
-- One call of every table function, as a quick first check.
local t = {3, 1, 2}
table.sort(t)
table.insert(t, 4)
print(table.concat(t, ","), table.remove(t), table.maxn(t), table.getn(t))
print(#table.move({1, 2}, 1, 2, 2))
