-- `{f()}` and `{x, f()}` where f (inlined) returns several values.
-- jv: [TRACE   2 13_table_of_call_results.lua:5 loop]
local function three(i) return i, i + 1, i + 2 end
local n = 0
for i = 1, 250 do
  local t = {three(i)}
  local u = {0, three(i)}
  n = n + #t + #u + t[3] + u[4]
end
print(n)
