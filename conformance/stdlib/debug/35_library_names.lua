-- The debug library's names, sorted.
-- lua5.1 has no upvalueid/upvaluejoin.
local names = {}
for k in pairs(debug) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
