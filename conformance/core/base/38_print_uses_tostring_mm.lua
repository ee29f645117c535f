-- print calls __tostring; a __tostring that returns a non-string is an error in print.
local t = setmetatable({}, {__tostring = function() return "T!" end})
print(t, 1, t)
local bad = setmetatable({}, {__tostring = function() return {} end})
print(pcall(print, bad))
