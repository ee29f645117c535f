-- A stitched native with two results taken at fixed count (string.find): both arrive
-- through the stack.
-- jv: [TRACE   1 16_two_results_fixed.lua:6 stitch string.find]
-- jv: [TRACE   2 (1/stitch) 16_two_results_fixed.lua:7 -> 1]
local n = 0
for i = 1, 250 do
  local s, e = string.find("abcdefgh", "c.e", i % 3)
  n = n + (s or 0) * 10 + (e or 0)
end
print(n)
