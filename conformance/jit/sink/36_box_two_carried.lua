-- The previous value kept in a second variable: in the loop it is the box the last
-- iteration made, or on the first the one the loop started with (not made on trace),
-- so that box is carried round the loop allocated; the values and identities stay the
-- interpreter's.
local h, prev = 1ULL, 0ULL
local same = 0
for i = 1, 400 do
  prev = h
  h = h * 5ULL + i
  if rawequal(prev, h) then same = same + 1 end
  if i % 100 == 0 then print("exit", i, h, prev, h - prev) end
end
print(h, prev, same)
-- jv: [TRACE   1 36_box_two_carried.lua:7 loop]
