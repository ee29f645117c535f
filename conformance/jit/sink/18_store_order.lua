-- The same field stored several times: an exit between the stores sees the value of
-- the last store before it, never a later one.
local s = 0
for i = 1, 300 do
  local t = { v = 0 }
  t.v = 1
  if i == 100 then print("first", t.v) end
  t.v = 2
  if i == 200 then print("second", t.v) end
  t.v = t.v + i
  s = s + t.v
end
print(s)
-- jv: [TRACE   1 18_store_order.lua:4 loop]
