-- __call that is itself a callable table is not followed in LuaJIT/5.1: an error.
local inner = setmetatable({}, {__call = function() return "inner" end})
local outer = setmetatable({}, {__call = inner})
print(pcall(outer))
