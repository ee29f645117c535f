-- Keys first set in the hash part behave the same after the table grows.
local t = {}
t[3] = "c" t[2] = "b" t[1] = "a"
for i = 4, 20 do t[i] = i end
print(t[1], t[2], t[3], t[20], #t)
