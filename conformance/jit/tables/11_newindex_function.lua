-- A store that runs a __newindex function records the call inline (see ../meta/).
-- jv: [TRACE   1 11_newindex_function.lua:5 loop]
local log = 0
local t = setmetatable({}, { __newindex = function(t, k, v) log = log + v end })
for i = 1, 200 do t[i] = i end
print(log)
