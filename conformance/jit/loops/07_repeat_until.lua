-- A repeat-until loop closes with LOOP like while: one root trace.
-- jv: [TRACE   1 07_repeat_until.lua:4 loop]
local i, s = 0, 0
repeat
  i = i + 1
  s = s + i * i
until i >= 500
print(i, s)
