-- while and repeat loops trace from their LOOP instruction.
-- jv: [TRACE   1 03_while.lua:5 loop]
-- jv: [TRACE   2 03_while.lua:11 loop]
local i, s = 0, 0
while i < 300 do
  i = i + 1
  s = s + i % 7
end
print(i, s)
local j = 1
repeat
  j = j * 1.01
until j > 1000
print(j)
