-- table.remove shifts the tail down and clears the last slot.
local t = {}
for i = 1, 10 do t[i] = i * i end
table.remove(t, 5)
print(#t, table.concat(t, " "))
print(t[10])
table.remove(t, 1)
table.remove(t, #t)
print(#t, table.concat(t, " "))
