-- lua5.1 differs: its debug.getinfo names no tail-called function and lists a
-- "(tail call)" frame.
-- A checkpoint inside a function reached by a tail call: the replaced frame is gone,
-- the interpreter sees the callee directly above the loop's frame.
-- jv: [TRACE   1 14_tail_call_checkpoint.lua:16 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local function target(x, y)
  if x == 222 then cp("after tail call") end
  return x + y
end
local function via(x)
  local unused = x * 2
  return target(x, unused)
end
local s = 0
for i = 1, 300 do s = s + via(i) end
print(s)
