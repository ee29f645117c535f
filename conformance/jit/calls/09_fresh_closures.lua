-- A closure created anew each iteration (outside the trace's loop body it is called
-- in) runs the trace: calls are specialised to the prototype, not the closure.
-- jv: [TRACE   1 09_fresh_closures.lua:8 loop]
local function make(k) return function(x) return x * k end end
local fs = {}
for j = 1, 10 do fs[j] = make(j) end
local s = 0
for i = 1, 500 do s = s + fs[i % 10 + 1](i) end
print(s)
