-- getn (the # operator) on arrays built by successive assignment without holes.
local t = {}
for i = 1, 17 do t[i] = true end
print(table.getn(t), #t)
t[18] = true
print(table.getn(t))
local h = {n = 3}
print(table.getn(h))
