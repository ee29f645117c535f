-- A vararg function with fixed parameters too: the fixed ones are copied into the
-- new frame, the rest stay below it.
-- jv: [TRACE   1 02_fixed_and_varargs.lua:9 loop]
local function f(a, b, ...)
  local x, y = ...
  return a * 100 + b * 10 + (x or 0) + (y or 0)
end
local s = 0
for i = 1, 300 do s = s + f(i, 2, 3, 4) + f(i, 1) + f(i, 1, 7) end
print(s)
