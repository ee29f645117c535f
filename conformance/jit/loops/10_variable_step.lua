-- A step that is a variable: the trace guards its sign, loop direction included.
-- jv: [TRACE   1 10_variable_step.lua:5 loop]
local function run(a, b, step)
  local s = 0
  for i = a, b, step do s = s + i end
  return s
end
print(run(1, 300, 1), run(300, 1, -1), run(1, 1000, 7), run(5, 1, 1))
