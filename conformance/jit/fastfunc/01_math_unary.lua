-- The unary math functions are recorded (as calls of the natives from the trace):
-- the loop traces without an abort and sums the same doubles as the interpreter.
-- jv: [TRACE   1 01_math_unary.lua:5 loop]
local s1, s2, s3 = 0, 0, 0
for i = 1, 300 do
  local x = i / 7
  s1 = s1 + math.sin(x) + math.cos(x) + math.tan(x / 100)
  s2 = s2 + math.exp(x / 50) + math.log(x) + math.log10(x) + math.sqrt(x)
  s3 = s3 + math.abs(-x) + math.floor(x) + math.ceil(-x) + math.atan(x) + math.asin(1 / i)
  s3 = s3 + math.acos(1 / i) + math.sinh(x / 100) + math.cosh(x / 100) + math.tanh(x)
end
print(s1, s2, s3)
