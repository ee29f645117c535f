-- A chain that ends in a function.
local inner = setmetatable({}, {__index = function(t, k) return "fn:" .. k end})
local outer = setmetatable({}, {__index = inner})
print(outer.key, outer[5])
