-- lua5.1 rejects a __tostring result that is not a string and says
-- 'invalid format (width or precision too long)' for %300s.
-- %s calls __tostring; errors when __tostring does not return a string.
local bad = setmetatable({}, {__tostring = function() return 42 end})
print(pcall(string.format, "%s", bad))
local long = string.rep("x", 200)
print(#string.format("%s", long))
print(#string.format("%.5s", long))
print(#string.format("%99s", "y"))
print(pcall(string.format, "%300s", "y"))
