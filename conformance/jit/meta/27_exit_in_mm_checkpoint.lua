-- A guard inside an inlined metamethod fails: the exit rebuilds the continuation frame
-- and the metamethod's frame, the interpreter finishes the metamethod and its result
-- lands in the interrupted instruction's destination. Checkpoints inside the
-- metamethod show the frames (LuaJIT names the frame "__add"; lua5.1 says "?").
-- jv: [TRACE   1 27_exit_in_mm_checkpoint.lua:14 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local M = {__add = function(a, b)
  local r = a.v + b
  if b == 200 or b == 250 then cp("mm " .. b) end
  return r
end}
local o = setmetatable({v = 5}, M)
local total = 0
for i = 1, 300 do
  local x = o + i
  total = total + x
end
print(total)
