-- Two tables with different __lt functions cannot be ordered.
local a = setmetatable({}, {__lt = function() return true end})
local b = setmetatable({}, {__lt = function() return true end})
print(pcall(function() return a < b end))
local f = function() return true end
local c = setmetatable({}, {__lt = f})
local d = setmetatable({}, {__lt = f})
print(c < d)
