-- A checkpoint deep in an up-recursive trace: the exit rebuilds the frames of its own
-- iteration; those of earlier iterations are on the stack already. The listing shows
-- every frame as the interpreter has it.
-- jv: [TRACE * 17_checkpoint_deep.lua:6 up-recursion]
local cp = dofile("../fixtures/checkpoint.lua")
local function down(n, tag)
  local here = n * 2
  if n == 0 then
    if tag == "show" then cp("bottom") end
    return 0
  end
  local below = down(n - 1, tag)
  return below + here
end
for i = 1, 100 do down(20, "no") end
print(down(9, "show"))
print(down(20, "no"))
