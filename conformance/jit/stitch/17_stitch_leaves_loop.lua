-- A stitched loop inside an outer loop, run again with a short trip count: the linked
-- traces leave the inner loop at its guards each round; a checkpoint after the loops.
-- jv: [TRACE   1 17_stitch_leaves_loop.lua:9 stitch string.rep]
-- jv: [TRACE   2 (1/stitch) 17_stitch_leaves_loop.lua:10 -> 1]
local cp = dofile("../fixtures/checkpoint.lua")
local function run(n)
  local acc = 0
  for round = 1, 3 do
    for i = 1, n do
      acc = acc + #string.rep("t", i % 2)
    end
    acc = acc * 2
  end
  cp("after loops")
  return acc
end
print(run(120), run(3))
