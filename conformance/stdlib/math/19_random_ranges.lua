-- random(m) and random(m, n) ranges after a seed.
-- lua5.1 uses the C rand(), whose sequence differs.
math.randomseed(7)
local t = {}
for i = 1, 10 do t[i] = math.random(-5, 5) end
print(table.concat(t, " "))
t = {}
for i = 1, 10 do t[i] = math.random(1, 2) end
print(table.concat(t, " "))
t = {}
for i = 1, 5 do t[i] = math.random(1e9) end
print(table.concat(t, " "))
print(math.random(3, 3))
print(math.random(1))
