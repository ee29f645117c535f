-- Forwarding all varargs to another function (f(...)) and returning them (return ...).
-- jv: [TRACE   1 03_forward_all.lua:7 loop]
local function sum(a, b, c, d) return a + (b or 0) + (c or 0) + (d or 0) end
local function fwd(...) return sum(...) end
local function id(...) return ... end
local s = 0
for i = 1, 300 do s = s + fwd(i, 1, 2) + sum(id(i, i)) end
print(s)
