-- The exit with a sunk table becomes hot and gets a side trace: the parent's exit path
-- makes the table before continuing in the side trace, which reads it.
local a, b = 0, 0
for i = 1, 1000 do
  local p = { x = i, y = 2 * i }
  if i % 3 == 0 then
    a = a + p.x + p.y
  else
    b = b + p.x
  end
end
print(a, b)
-- jv: [TRACE   1 04_side_trace_reads.lua:4 loop]
-- jv: [TRACE   2 (1/*) 04_side_trace_reads.lua:6 -> 1]
