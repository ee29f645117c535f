-- A `pairs` inner loop (next, ITERL) over hash tables traces; side traces link to it
-- (the sum does not depend on the traversal order).
-- jv: [TRACE   2 23_link_pairs.lua:14 loop]
-- jv: [TRACE   3 (2/*) 23_link_pairs.lua:14 stitch pairs]
-- jv: [TRACE   4 (3/stitch) 23_link_pairs.lua:14 -> 2]
local ts = {}
for k = 1, 3 do
  local t = {}
  for v = 1, 70 do t["k" .. v] = v + k end
  ts[k] = t
end
local s = 0
for i = 1, 90 do
  for _, v in pairs(ts[i % 3 + 1]) do s = s + v % 11 end
  s = s + 1
end
print(s)
