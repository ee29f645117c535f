-- select('#', f()) and select(2, f()) where f returns a fixed number of values on trace.
-- jv: [TRACE   2 19_select_count_of_call.lua:5 loop]
local function two(x) return x, x * 2 end
local s = 0
for i = 1, 250 do
  s = s + select('#', two(i)) + select(2, two(i))
end
print(s)
