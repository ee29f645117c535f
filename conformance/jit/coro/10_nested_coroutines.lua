-- A coroutine that resumes another from its own hot loop; both yield.
-- jv: [TRACE   1 10_nested_coroutines.lua:8 stitch coroutine.yield]
-- jv: [TRACE   2 10_nested_coroutines.lua:15 stitch wrap]
-- jv: [TRACE   3 (1/stitch) 10_nested_coroutines.lua:10 -> 1]
-- jv: [TRACE   4 (2/stitch) 10_nested_coroutines.lua:16 -> 2]
local inner = coroutine.wrap(function()
  local k = 0
  while true do
    k = k + 1
    coroutine.yield(k)
  end
end)
local outer = coroutine.wrap(function()
  local s = 0
  for i = 1, 300 do
    s = s + inner()
    if i % 100 == 0 then coroutine.yield(s) end
  end
  return "done"
end)
print(outer(), outer(), outer(), outer())
