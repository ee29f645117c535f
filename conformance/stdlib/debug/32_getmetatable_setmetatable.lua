-- debug.getmetatable/setmetatable bypass __metatable and work on any type.
local t = setmetatable({}, {__metatable = "locked"})
print(getmetatable(t))
print(type(debug.getmetatable(t)))
print(pcall(setmetatable, t, {}))
print(debug.setmetatable(t, nil) == t)
print(getmetatable(t))
print(debug.getmetatable("x").__index == string)
local mt = {__index = function(n, k) return k * n end}
debug.setmetatable(0, mt)
print((5)[3])
debug.setmetatable(0, nil)
print(debug.getmetatable(1))
print(pcall(debug.setmetatable, {}, 5))
