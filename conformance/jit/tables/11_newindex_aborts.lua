-- A store that would run __newindex aborts the trace with its name.
-- jv: [TRACE --- 11_newindex_aborts.lua:5 -- NYI: __newindex metamethod*]
local log = 0
local t = setmetatable({}, { __newindex = function(t, k, v) log = log + v end })
for i = 1, 200 do t[i] = i end
print(log)
