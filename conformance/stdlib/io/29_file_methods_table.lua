-- The file metatable's methods, sorted.
local mt = getmetatable(io.stdout)
local names = {}
for k in pairs(mt.__index) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
print(type(mt.__gc), type(mt.__tostring), mt.__index == mt)
