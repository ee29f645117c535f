-- The generator's state at startup is fixed in LuaJIT, so the first values are deterministic.
-- lua5.1 uses the C rand(), whose sequence differs.
local t = {}
for i = 1, 5 do t[i] = string.format("%.17g", math.random()) end
print(table.concat(t, " "))
t = {}
for i = 1, 10 do t[i] = math.random(100) end
print(table.concat(t, " "))
