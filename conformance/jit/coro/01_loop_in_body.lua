-- A hot loop inside a coroutine's body: it traces on the coroutine's stack and the
-- results come back through resume.
-- jv: [TRACE   1 01_loop_in_body.lua:6 loop]
local co = coroutine.create(function(n)
  local s = 0
  for i = 1, n do s = s + i * 2 end
  return s, "done"
end)
print(coroutine.resume(co, 300))
print(coroutine.status(co))
