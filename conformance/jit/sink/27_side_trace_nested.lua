-- Every other iteration leaves through an exit naming nested sunk tables; the side
-- trace attached there starts from the tables the parent's exit path made, reads and
-- changes them.
local s, t = 0, 0
for i = 1, 1000 do
  local box = { lo = { v = i }, hi = { v = i + 10 } }
  box.lo.w = i * 2
  if i % 2 == 0 then
    box.hi.v = box.hi.v + box.lo.w
    t = t + box.hi.v + box.lo.v
  end
  s = s + box.lo.v
end
print(s, t)
-- jv: [TRACE   1 27_side_trace_nested.lua:5 loop]
-- jv: [TRACE   2 (1/*) 27_side_trace_nested.lua:8 -> 1]
