-- raw functions ignore __eq/__index/__newindex.
local mt = {__eq = function() return true end, __index = function() return "mm" end}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
print(a == b, rawequal(a, b), a.k, rawget(a, "k"))
