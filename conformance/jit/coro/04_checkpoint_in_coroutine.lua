-- Checkpoints inside a coroutine: after a resume, in a traced loop of the coroutine,
-- and in the main thread's loop that resumes it.
-- jv: [TRACE   1 04_checkpoint_in_coroutine.lua:7 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local co = coroutine.wrap(function(k)
  local s = 0
  for i = 1, 400 do
    s = s + i * k
    if i % 100 == 0 then
      if i == 200 then cp("coroutine loop") end
      k = coroutine.yield(s)
    end
  end
  return -1
end)
local got = 0
for j = 1, 5 do
  local v = co(j)
  got = got + v
  if j == 3 then cp("main loop") end
end
print(got)
