-- A checkpoint inside a closure that updates upvalues of the loop's frame: the exit
-- writes the slots back, so the interpreter sees the same values the trace had.
-- jv: [TRACE   1 05_upvalue_checkpoint.lua:11 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local hits, last = 0, "none"
local function visit(i)
  hits = hits + 1
  last = "v" .. i
  if i == 150 then cp("visit") end
end
for i = 1, 300 do visit(i) end
print(hits, last)
