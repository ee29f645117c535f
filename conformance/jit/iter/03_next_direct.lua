-- `for k, v in next, t` calls next directly, recorded like pairs.
-- jv: [TRACE   2 03_next_direct.lua:7 loop]
local t = {}
for i = 1, 150 do t[i] = i % 7 end
local s = 0
for r = 1, 3 do
  for k, v in next, t do s = s + k * v end
end
print(s)
