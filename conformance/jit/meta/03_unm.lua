-- __unm: the interpreter passes the operand twice; the trace does the same.
-- jv: [TRACE   1 03_unm.lua:7 loop]
local N = {}
N.__unm = function(a, b) return (a == b and 1 or 0) - a.n end
local o = setmetatable({n = 5}, N)
local s = 0
for i = 1, 120 do
  o.n = i
  s = s + -o
end
print(s)
