-- newproxy makes userdata; newproxy(true) gives it a fresh metatable.
local a = newproxy()
print(type(a), getmetatable(a))
local b = newproxy(true)
print(type(getmetatable(b)))
local c = newproxy(b)
print(getmetatable(c) == getmetatable(b))
print(pcall(newproxy, {}))
print(a == a, a == newproxy())
