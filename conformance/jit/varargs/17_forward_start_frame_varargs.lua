-- The start frame's `...` forwarded to an inlined call (VARG then CALLM) and returned
-- through a table constructor.
-- jv: [TRACE * 17_forward_start_frame_varargs.lua:7 loop]
local function sum3(a, b, c) return a + b + (c or 0) end
local function f(...)
  local s = 0
  for i = 1, 250 do
    s = s + sum3(...) + sum3(i, ...)
  end
  return s
end
print(f(1, 2), f(1, 2, 3))
