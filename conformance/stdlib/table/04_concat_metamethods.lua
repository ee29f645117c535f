-- table.concat reads raw values: __index is not consulted for missing elements.
local proxy = setmetatable({}, {__index = function(_, k) return "p" .. k end})
print(proxy[1])
print(pcall(table.concat, proxy, ",", 1, 2))
local partial = setmetatable({"a"}, {__index = {nil, "b"}})
print(pcall(table.concat, partial, ",", 1, 2))
print(table.concat(partial))
