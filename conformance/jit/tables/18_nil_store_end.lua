-- Storing nil into the last slot of the array part and putting a value back: the
-- border (#t) moves, and the value store over the nil slot is the raw one.
-- jv: [TRACE * 18_nil_store_end.lua:8 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local t = {}
for i = 1, 32 do t[i] = i end
local lens = 0
for i = 1, 300 do
  local n = #t
  t[n] = nil
  lens = lens + #t
  t[n] = i
  if i == 200 then cp("end") end
end
print(lens, #t, t[32], t[31])
