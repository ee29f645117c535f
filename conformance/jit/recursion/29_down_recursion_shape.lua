-- Work done after the recursive call returns (down-recursion's shape): each return
-- adds to the caller's pending sum. The function trace of `count` recurses up; the
-- returns run in the interpreter and in traces that end at a return.
-- jv: [TRACE * 29_down_recursion_shape.lua:6 up-recursion]
-- jv: [TRACE * 29_down_recursion_shape.lua:7 return]
local function count(t, i, acc)
  if i > #t then return acc end
  local r = count(t, i + 1, acc)
  if t[i] % 3 == 0 then return r + 1 end
  return r
end
local t = {}
for i = 1, 500 do t[i] = i end
local s = 0
for k = 1, 30 do s = s + count(t, k, 0) end
print(s)
