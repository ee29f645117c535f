-- A while loop left through break in its body: the break is a guard exit of the trace.
-- jv: [TRACE   1 08_while_break.lua:4 loop]
local i, s = 0, 0
while true do
  i = i + 1
  if i > 400 then break end
  s = s + i % 7
end
print(i, s)
