-- lua5.1 differs: its vararg functions have the implicit local `arg`.
-- A checkpoint in a traced loop of a vararg function: the exit restores the frame
-- above its varargs, which the checkpoint lists with the locals.
-- jv: [TRACE   1 16_start_frame_checkpoint.lua:8 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local function f(a, ...)
  local s = 0
  for i = 1, 200 do
    local x, y = ...
    s = s + a + x + y
    if i == 170 then cp("vararg loop") end
  end
  return s
end
print(f(1, 2, 3, 4))
