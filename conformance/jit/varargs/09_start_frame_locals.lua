-- `local a, b, c = ...` in a loop of a vararg function, with fewer varargs than names.
-- jv: [TRACE   1 09_start_frame_locals.lua:5 loop]
local function f(k, ...)
  local s = 0
  for i = 1, 250 do
    local a, b, c = ...
    s = s + a * k + b + (c or 1000)
  end
  return s
end
print(f(3, 5, 7), f(2, 1, 2, 3))
