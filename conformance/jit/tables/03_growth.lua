-- Stores past the array's end grow it (through the VM's own store helper) on trace.
-- jv: [TRACE   1 03_growth.lua:4 loop]
local t = {}
for i = 1, 3000 do t[i] = i * 2 end
local h = {}
for i = 1, 500 do h[i * 7] = i end
local s = 0
for i = 1, #t do s = s + t[i] end
print(#t, s, h[7], h[3500])
