-- The default environment of functions is the globals table.
print(getfenv() == _G, getfenv(1) == _G, getfenv(0) == _G)
local function f() end
print(getfenv(f) == _G)
print(getfenv(print) == _G)
