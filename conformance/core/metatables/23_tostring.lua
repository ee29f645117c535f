-- tostring and print use __tostring.
local t = setmetatable({}, {__tostring = function(self) return "custom object" end})
print(t)
print(tostring(t))
local bad = setmetatable({}, {__tostring = function() return 42 end})
print(pcall(tostring, bad))
local err = setmetatable({}, {__tostring = function() error("in tostring") end})
print(pcall(tostring, err))
