-- A metamethod that yields on a cold path, in a coroutine's traced loop: the yield is
-- not recorded (the trace leaves before it); resuming continues inside the metamethod,
-- whose result lands in the interrupted addition. (lua5.1 cannot yield across it.)
-- jv: [TRACE   1 43_yield_in_mm.lua:11 loop]
local co = coroutine.wrap(function()
  local M = setmetatable({}, {__add = function(a, b)
    if b % 25 == 0 then coroutine.yield(b) end
    return b
  end})
  local s = 0
  for i = 1, 100 do s = s + (M + i) end
  return "done " .. s
end)
for i = 1, 5 do print(co()) end
