-- coroutine.status and coroutine.running called from traced loops, in and out of a
-- coroutine.
-- jv: [TRACE   1 09_status_in_hot_loop.lua:10 stitch coroutine.status]
-- jv: [TRACE   2 (1/stitch) 09_status_in_hot_loop.lua:11 stitch coroutine.running]
-- jv: [TRACE   3 (2/stitch) 09_status_in_hot_loop.lua:12 -> 1]
local main = coroutine.running()
local co
local n = 0
co = coroutine.create(function()
  for i = 1, 200 do
    if coroutine.status(co) == "running" then n = n + 1 end
    local c = coroutine.running()
    if c == co then n = n + 1 end
  end
end)
assert(coroutine.resume(co))
for i = 1, 200 do
  if coroutine.status(co) == "dead" then n = n + 1 end
end
print(n, main == nil, coroutine.status(co))
