-- Ordering a table with a number fails even with __lt (5.1 needs the same types).
local mt = {__lt = function() return true end}
local t = setmetatable({}, mt)
print(pcall(function() return t < 1 end))
print(pcall(function() return 1 < t end))
local u = setmetatable({}, {__lt = function() return false end})
print(pcall(function() return t < u end))
