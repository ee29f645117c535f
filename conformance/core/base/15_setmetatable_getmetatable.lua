-- setmetatable/getmetatable round trips and protected metatables.
local mt = {}
local t = setmetatable({}, mt)
print(getmetatable(t) == mt)
mt.__metatable = "protected"
print(getmetatable(t))
print(pcall(setmetatable, t, nil))
print(getmetatable({}))
