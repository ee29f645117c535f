-- A while loop's body tables are dead at the loop's head, so they sink too.
local i, s = 0, 0
while i < 500 do
  i = i + 1
  local p = { a = i, b = i + 1 }
  s = s + p.a * p.b
  if i == 321 then print(p.a, p.b) end
end
print(s)
-- jv: [TRACE   1 22_while_loop.lua:3 loop]
