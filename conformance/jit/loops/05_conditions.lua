-- Branches inside the loop: the trace follows one path, the others exit and resume
-- in the interpreter, which must see every value the trace computed.
-- jv: [TRACE   1 05_conditions.lua:5 loop]
local a, b, c = 0, 0, 0
for i = 1, 600 do
  if i % 2 == 0 then
    a = a + 1
  elseif i % 3 == 0 then
    b = b + i
  else
    c = c - i
  end
end
print(a, b, c)
