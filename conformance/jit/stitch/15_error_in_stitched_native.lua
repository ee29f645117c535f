-- The stitched native raises an error (a bad argument) in the middle of the loop: the
-- error is the interpreter's, and later runs of the same loop still give its answers.
-- jv: [TRACE   1 15_error_in_stitched_native.lua:7 stitch string.rep]
-- jv: [TRACE   2 (1/stitch) 15_error_in_stitched_native.lua:9 -> 1]
local function run(bad)
  local n = 0
  for i = 1, 200 do
    local w = (i == bad) and {} or i % 4
    n = n + #string.rep("r", w)
  end
  return n
end
print(pcall(run, 120))
print(run(-1))
print(pcall(run, 5))
print(run(-1))
