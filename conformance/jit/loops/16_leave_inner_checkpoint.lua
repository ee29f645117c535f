-- The inner loop traces; its exit's side trace leaves it, runs the rest of the outer
-- body and the outer FORL, and links to the inner loop at its FORI. Checkpoints after
-- the inner loop (on the side trace's path) and inside it show the frames.
-- jv: [TRACE   1 16_leave_inner_checkpoint.lua:10 loop]
-- jv: [TRACE   2 (1/*) 16_leave_inner_checkpoint.lua:10 -> 1]
local cp = dofile("../fixtures/checkpoint.lua")
local s = 0
for i = 1, 60 do
  local k = i * 2
  for j = 1, 80 do
    s = s + (i * j) % 13
    if i == 50 and j == 40 then cp("inner " .. j) end
  end
  k = k + s % 3
  if i == 45 then cp("after " .. i) end
end
print(s)
