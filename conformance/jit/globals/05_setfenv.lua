-- A function with its own environment (setfenv): its globals are read from that table.
-- jv: [TRACE   1 05_setfenv.lua:7 loop]
local function get() return V end
V = 1
setfenv(get, { V = 100 })
local s = 0
for i = 1, 300 do s = s + get() + V end
print(s)
