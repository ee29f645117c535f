-- lua5.1 also has string.gfind.
-- The string library's function names (sorted, so the order is deterministic).
local names = {}
for k, v in pairs(string) do names[#names + 1] = k .. ":" .. type(v) end
table.sort(names)
print(table.concat(names, " "))
