-- __eq is not called for the same object or for rawequal.
local calls = 0
local mt = {__eq = function() calls = calls + 1 return false end}
local a = setmetatable({}, mt)
local b = setmetatable({}, mt)
print(a == a, calls)
print(a == b, calls)
print(rawequal(a, b), calls)
