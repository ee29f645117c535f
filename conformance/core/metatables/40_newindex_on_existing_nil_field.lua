-- __newindex fires for a key whose value is nil, even if the key was set before.
local log = 0
local t = setmetatable({}, {__newindex = function(tb, k, v) log = log + 1 rawset(tb, k, v) end})
t.a = 1
t.a = 2
t.a = nil
t.a = 3
print(log, t.a)
