-- random with float bounds: LuaJIT does not round them; it returns floor(r * m) + 1 and
-- floor(r * (n - m + 1)) + m, so random(1.5, 4.5) gives 1.5 .. 4.5.
-- lua5.1 uses the C rand(), whose sequence differs.
math.randomseed(5)
local t = {}
for i = 1, 8 do t[i] = math.random(3.9) end
print(table.concat(t, " "))
t = {}
for i = 1, 8 do t[i] = math.random(1.5, 4.5) end
print(table.concat(t, " "))
