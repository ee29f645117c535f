-- Resuming a dead coroutine from a hot loop: false and the message every time.
-- jv: [TRACE   1 11_resume_dead.lua:7 stitch coroutine.resume]
-- jv: [TRACE   2 (1/stitch) 11_resume_dead.lua:8 -> 1]
local co = coroutine.create(function() return 1 end)
coroutine.resume(co)
local fails, msg = 0, nil
for i = 1, 200 do
  local ok, m = coroutine.resume(co)
  if not ok then fails = fails + 1 msg = m end
end
print(fails, msg)
