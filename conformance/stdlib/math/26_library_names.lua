-- The math library's names, sorted.
-- lua5.1 also has math.mod.
local names = {}
for k, v in pairs(math) do names[#names + 1] = k .. ":" .. type(v) end
table.sort(names)
print(table.concat(names, " "))
