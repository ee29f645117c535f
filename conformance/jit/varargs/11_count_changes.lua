-- The same vararg function's loop runs with different argument counts: the trace
-- recorded for one count exits (its link guard fails) for the others.
-- jv: [TRACE   1 11_count_changes.lua:7 loop]
-- jv: [TRACE   2 (1/*) 11_count_changes.lua:7 -> 1]
local function f(...)
  local s = 0
  for i = 1, 120 do s = s + select('#', ...) * i end
  return s
end
local out = {}
for k = 1, 6 do
  out[#out + 1] = f(unpack({1, 2, 3, 4, 5, 6}, 1, k))
end
print(table.concat(out, " "))
