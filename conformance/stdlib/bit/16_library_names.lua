-- The bit library's names, sorted; require "bit" returns the same table.
-- lua5.1 has no bit library.
local names = {}
for k in pairs(bit) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
print(require("bit") == bit, package.loaded.bit == bit)
