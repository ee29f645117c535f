-- A checkpoint in the middle of a traced loop (a cold branch: the trace exits there,
-- the interpreter shows the frame with every local as of that iteration).
-- jv: [TRACE   1 14_loop_checkpoint.lua:6 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local a, b, c = 1, 0.5, "s"
for i = 1, 300 do
  a = a * 3 % 1001
  b = b + 0.25
  if i == 150 then cp("mid") end
  c = (i % 2 == 0) and "even" or "odd"
end
print(a, b, c)
