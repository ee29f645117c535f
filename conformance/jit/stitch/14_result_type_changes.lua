-- The stitched native's result changes type (string.match gives nil sometimes): the
-- stitched trace's guard exits and the interpreter takes the other path.
-- jv: [TRACE   1 14_result_type_changes.lua:7 stitch string.match]
-- jv: [TRACE   2 (1/stitch) 14_result_type_changes.lua:8 -> 1]
-- jv: [TRACE   3 (2/*) 14_result_type_changes.lua:9 -> 1]
local n, misses = 0, 0
for i = 1, 300 do
  local d = string.match("k" .. i, "5(%d)")
  if d then n = n + tonumber(d) else misses = misses + 1 end
end
print(n, misses)
