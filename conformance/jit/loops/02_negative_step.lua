-- Negative and fractional steps: the trace guards the step's sign.
-- jv: [TRACE   1 02_negative_step.lua:5 loop]
-- jv: [TRACE   2 02_negative_step.lua:9 loop]
local s = 0
for i = 500, 1, -3 do s = s + i end
print(s)
local f = 0
local n = 0
for x = 0, 100, 0.25 do f = f + x; n = n + 1 end
print(f, n)
