-- Calls of global functions: the global load, the function guard, then inlining.
-- jv: [TRACE   1 03_global_functions.lua:6 loop]
function square(x) return x * x end
function inc(x) return x + 1 end
local s = 0
for i = 1, 300 do s = s + square(inc(i)) end
print(s)
