-- Checkpoints inside a side trace's path: taken on some iterations after the side
-- trace formed (it exits there), frames and locals as the interpreter has them.
-- jv: [TRACE   1 08_side_checkpoint.lua:7 loop]
-- jv: [TRACE   2 (1/*) 08_side_checkpoint.lua:* -> 1]
local cp = dofile("../fixtures/checkpoint.lua")
local acc, odd = 0, 0
for i = 1, 600 do
  if i % 2 == 1 then
    odd = odd + i
    if i == 301 or i == 599 then cp("odd " .. i) end
  else
    acc = acc + i
  end
end
print(acc, odd)
