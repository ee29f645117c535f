-- A checkpoint on a cold path right after a stitched call: the stitched trace exits
-- there and the frames and locals are the interpreter's.
-- jv: [TRACE   1 03_checkpoint_after_stitch.lua:8 stitch string.rep]
-- jv: [TRACE   2 (1/stitch) 03_checkpoint_after_stitch.lua:9 -> 1]
local cp = dofile("../fixtures/checkpoint.lua")
local function run(k)
  local acc = 0
  for i = 1, 200 do
    local s = string.rep("x", i % 3)
    acc = acc + #s * k
    if i == 150 then cp("after stitch") end
  end
  return acc
end
print(run(2))
