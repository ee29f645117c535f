-- Two unrecorded natives in one loop body: a chain of stitched traces, the last
-- linking back to the loop's trace.
-- jv: [TRACE   1 05_two_stitches.lua:7 stitch string.rep]
-- jv: [TRACE   2 (1/stitch) 05_two_stitches.lua:8 stitch string.format]
-- jv: [TRACE   3 (2/stitch) 05_two_stitches.lua:8 -> 1]
local n = 0
for i = 1, 300 do
  local a, b = string.rep("z", i % 4), string.format("%x", i)
  n = n + #a + #b
end
print(n)
