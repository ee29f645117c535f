-- __mode "v": entries whose values are collected disappear; strings and numbers stay.
local t = setmetatable({}, {__mode = "v"})
local keep = {}
t[1] = keep
t[2] = {}
t[3] = "a string"
t[4] = 42
t.f = function() end
collectgarbage()
collectgarbage()
print(t[1] == keep, t[2], t[3], t[4], t.f)
