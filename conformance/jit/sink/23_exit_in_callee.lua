-- A sunk table in the caller's frame and another in an inlined callee's frame when
-- the callee's guard fails: the exit rebuilds both frames, each with its table.
local cp = dofile("../fixtures/checkpoint.lua")
local function inner(p, i)
  local q = { y = p.x * 2 }
  if i % 100 == 0 then
    cp("inner " .. i)
    print(q.y, p.x)
  end
  return q.y
end
local s = 0
for i = 1, 300 do
  local p = { x = i }
  s = s + inner(p, i)
end
print(s)
-- jv: [TRACE   1 23_exit_in_callee.lua:13 loop]
