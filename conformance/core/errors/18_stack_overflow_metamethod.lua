-- lua5.1 reports a C stack overflow with a position; LuaJIT a plain "stack overflow".
-- Recursion through a metamethod also ends in a catchable error (lua5.1: "C stack overflow").
local t = setmetatable({}, {__index = function(t, k) return t[k] end})
print(pcall(function() return t.x end))
print("recovered")
