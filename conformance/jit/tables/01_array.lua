-- Array-part loads and stores, growth, nil stores and the length operator.
-- jv: [TRACE   1 01_array.lua:5 loop]
-- jv: [TRACE   2 01_array.lua:7 loop]
local t = {}
for i = 1, 500 do t[i] = i * i end
local s = 0
for i = 1, #t do s = s + t[i] end
print(#t, s)
for i = 500, 251, -1 do t[i] = nil end
print(#t)
local holes = 0
for i = 1, 600 do if t[i] == nil then holes = holes + 1 end end
print(holes)
