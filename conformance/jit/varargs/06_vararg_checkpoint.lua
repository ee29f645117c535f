-- lua5.1 differs: its vararg functions have the implicit local `arg`.
-- A checkpoint inside an inlined vararg function: the exit rebuilds the vararg frame
-- (its copy of the function and the VARG link above the arguments).
-- jv: [TRACE   1 06_vararg_checkpoint.lua:13 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local function v(first, ...)
  local n = select('#', ...)
  if first == 123 then cp("vararg") end
  local a, b = ...
  return first + n + a + b
end
local s = 0
for i = 1, 300 do s = s + v(i, 10, 20) end
print(s)
