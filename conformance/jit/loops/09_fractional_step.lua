-- Fractional and negative steps: the index is a double, compared as the interpreter does.
-- jv: [TRACE   1 09_fractional_step.lua:5 loop]
-- jv: [TRACE   2 09_fractional_step.lua:7 loop]
local s, n = 0, 0
for x = 0, 30, 0.1 do s = s + x; n = n + 1 end
local t, m = 0, 0
for x = 10, -10, -0.25 do t = t + x; m = m + 1 end
print(s, n, t, m)
