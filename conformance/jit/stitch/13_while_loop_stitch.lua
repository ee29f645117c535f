-- A while loop (LOOP) with a stitched call: the stitched trace links to the loop.
-- jv: [TRACE   1 13_while_loop_stitch.lua:5 stitch string.rep]
-- jv: [TRACE   2 (1/stitch) 13_while_loop_stitch.lua:7 -> 1]
local i, n = 0, 0
while i < 300 do
  i = i + 1
  local s = string.rep("w", i % 3)
  n = n + #s
end
print(i, n)
