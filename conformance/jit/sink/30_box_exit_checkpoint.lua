-- Exits inside the loop while sunk boxes are live in the snapshot: the exit makes each
-- box with the value it has at that point (the current iteration's, not the first's),
-- and two slots naming one box get one cdata.
local cp = dofile("../fixtures/checkpoint.lua")
local h = 1ULL
for i = 1, 400 do
  h = h * 5ULL + i
  local same = h
  if i % 100 == 0 then
    cp(i)
    print("exit", i, h, same, rawequal(h, same))
  end
end
print(h)
-- jv: [TRACE   1 30_box_exit_checkpoint.lua:6 loop]
