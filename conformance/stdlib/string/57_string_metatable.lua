-- The string metatable is shared and protected from the outside only by convention.
local mt = getmetatable("")
print(type(mt), mt == getmetatable("other"))
print(rawequal(mt.__index, string))
print(getmetatable("").__metatable)
print(pcall(setmetatable, "x", {}))
