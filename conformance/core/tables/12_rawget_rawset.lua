-- rawget and rawset bypass metamethods.
local t = setmetatable({}, {__index = function() return "meta" end, __newindex = function() error("no") end})
print(t.x, rawget(t, "x"))
rawset(t, "x", 1)
print(t.x, rawget(t, "x"))
print(rawset(t, "y", 2) == t)
print(pcall(rawget, 1, 1))
print(pcall(rawset, "s", 1, 1))
