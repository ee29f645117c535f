-- Numeric strings are coerced before metamethods are considered.
local t = setmetatable({}, {__add = function() return "mm" end})
print("1" + "2", t + "2", "2" + t)
print(pcall(function() return "a" + 1 end))
