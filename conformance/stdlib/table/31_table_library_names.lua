-- The table library's function names, sorted.
-- lua5.1 has setn and no move.
local names = {}
for k in pairs(table) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
