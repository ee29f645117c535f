-- table.sort with a Lua comparator inside a hot loop: the sort is stitched, and the
-- comparator runs (and may trace) inside it.
-- jv: [TRACE   3 10_sort_comparator.lua:7 stitch table.sort]
-- jv: [TRACE   4 (3/stitch) 10_sort_comparator.lua:9 -> 3]
local function cmp(a, b) return a > b end
local acc = 0
for round = 1, 200 do
  local t = { round % 7, 3, round % 11, 9, round % 5, 1 }
  table.sort(t, cmp)
  acc = acc + t[1] * 100 + t[6] + round
end
print(acc)
