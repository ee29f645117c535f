-- An __index function is a metamethod call: not recorded, the trace aborts by name.
-- jv: [TRACE --- 10_index_function_aborts.lua:5 -- NYI: __index metamethod*]
local t = setmetatable({}, { __index = function(_, k) return k * 2 end })
local s = 0
for i = 1, 200 do s = s + t[i] end
print(s)
