-- A side trace with a hot exit of its own: a side trace of the side trace, all
-- linking back to the root.
-- jv: [TRACE   1 07_side_of_side.lua:7 loop]
-- jv: [TRACE   2 (1/*) 07_side_of_side.lua:* -> 1]
-- jv: [TRACE   3 (2/*) 07_side_of_side.lua:* -> 1]
local a, b, c = 0, 0, 0
for i = 1, 3000 do
  if i % 2 == 0 then
    if i % 4 == 0 then a = a + 1 else b = b + 1 end
  else
    c = c + 1
  end
end
print(a, b, c)
