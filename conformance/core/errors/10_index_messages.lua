-- Index errors name locals, globals, fields, upvalues and methods; a constant non-string key
-- (t[1]) gives no name (lua5.1 says field '?').
local up = nil
local t = {}
print(pcall(function() local x; return x.field end))
print(pcall(function() return missing_global.field end))
print(pcall(function() return t.sub.field end))
print(pcall(function() return up[1] end))
print(pcall(function() local x = 5; x.y = 1 end))
print(pcall(function() return t:nomethod() end))
print(pcall(function() return t[1][2] end))
