-- A loop over the varargs themselves (select('#', ...) as the limit): the first count, 0,
-- lets the outer loop's trace cross the inner loop; results match for every count.
-- jv: [TRACE   1 20_vararg_count_side_trace.lua:6 loop]
local function f(...)
  local s = 0
  for r = 1, 50 do
    for i = 1, select('#', ...) do
      s = s + (select(i, ...)) * r
    end
  end
  return s
end
local out = {}
for k = 0, 6 do out[#out + 1] = f(unpack({3, 1, 4, 1, 5, 9}, 1, k)) end
print(table.concat(out, " "))
