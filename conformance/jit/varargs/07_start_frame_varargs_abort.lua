-- `...` of the function whose loop is traced lies below the trace's frame: not
-- recorded, the trace aborts by name.
-- jv: [TRACE --- 07_start_frame_varargs_abort.lua:6 -- NYI: vararg of the trace's start frame*]
local function f(...)
  local s = 0
  for i = 1, 200 do s = s + select('#', ...) end
  return s
end
print(f(1, 2, 3))
