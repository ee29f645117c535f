-- A side trace crosses an inner loop that is not entered (zero-trip FORI: its entry
-- guard says so) and links back to its root; the root crosses it too.
-- jv: [TRACE   1 15_side_zero_trip.lua:6 loop]
-- jv: [TRACE   2 (1/*) 15_side_zero_trip.lua:7 -> 1]
local s, t = 0, 0
for i = 1, 1000 do
  if i % 4 == 0 then
    local m = (i % 7 == 100) and 2 or 0
    for j = 1, m do t = t + j end
    s = s + 1
  end
  for j = 10, i % 3 do t = t - j end
  s = s + i % 5
end
print(s, t)
