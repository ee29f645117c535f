-- The stitched trace has a branch that turns hot: its side trace links to the loop's
-- trace, as the stitched trace itself does.
-- jv: [TRACE   1 12_stitched_side_trace.lua:7 stitch string.rep]
-- jv: [TRACE   2 (1/stitch) 12_stitched_side_trace.lua:8 -> 1]
-- jv: [TRACE   3 (2/*) 12_stitched_side_trace.lua:9 -> 1]
local a, b = 0, 0
for i = 1, 400 do
  local s = string.rep("q", 2)
  if i > 100 then a = a + #s else b = b + 1 end
end
print(a, b)
