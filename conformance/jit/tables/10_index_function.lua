-- An __index function is a metamethod call, recorded inline (see ../meta/).
-- jv: [TRACE   1 10_index_function.lua:5 loop]
local t = setmetatable({}, { __index = function(_, k) return k * 2 end })
local s = 0
for i = 1, 200 do s = s + t[i] end
print(s)
