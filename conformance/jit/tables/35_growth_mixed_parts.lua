-- Tables that take integer, string and fractional keys in one loop: rehashes resize both
-- parts (integer keys move between the hash and the array part) while the trace keeps
-- inserting; every key is found afterwards and the border is LuaJIT's.
-- jv: [TRACE * 35_growth_mixed_parts.lua:9 loop]
local total = 0
for round = 1, 6 do
  local t = {}
  local n = 40 * round
  for i = 1, n do
    t[i] = i
    t["s" .. i] = -i
    t[i + 0.5] = i * 2
    if i % 7 == 0 then t[i * 1000] = true end
  end
  local s = 0
  for i = 1, n do s = s + t[i] + t["s" .. i] + t[i + 0.5] end
  local count = 0
  for _ in pairs(t) do count = count + 1 end
  total = total + s + count + #t
end
print(total)
