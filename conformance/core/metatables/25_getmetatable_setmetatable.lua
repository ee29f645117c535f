-- setmetatable returns its first argument; nil removes the metatable; only tables allowed.
local mt = {}
local t = {}
print(setmetatable(t, mt) == t, getmetatable(t) == mt)
setmetatable(t, nil)
print(getmetatable(t))
print(pcall(setmetatable, t, 1))
print(pcall(setmetatable, 1, {}))
print(getmetatable(1), getmetatable(nil), getmetatable(print))
print(type(getmetatable("abc")))
