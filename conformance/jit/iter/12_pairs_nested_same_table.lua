-- Two traversals of one table at once (nested pairs loops, and next by hand in between):
-- the table remembers only the last key next returned, so the outer loop's steps find
-- another key there and look theirs up. Keys of several types (strings, fractional and
-- integer numbers, booleans, a table) in both parts; the sums do not depend on order.
-- jv: [TRACE * 12_pairs_nested_same_table.lua:13 loop]
local t = { [true] = 1000, [false] = 2000 }
for i = 1, 30 do t["k" .. i] = i; t[i + 0.5] = i; t[i] = i end
t[{}] = 5
local total = 0
for round = 1, 4 do
  local pairs_seen, s = 0, 0
  for k1, v1 in pairs(t) do
    for k2, v2 in pairs(t) do
      pairs_seen = pairs_seen + 1
      if k1 == k2 then s = s + v1 end
    end
    local after = next(t, k1)
    if after ~= nil then s = s + 1 end
  end
  total = total + pairs_seen + s
end
print(total)
