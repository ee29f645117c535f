-- `...` of the function whose loop is traced lies below the trace's frame: the trace
-- guards the frame's vararg link (so the count it saw) and loads the values.
-- jv: [TRACE   1 07_start_frame_varargs.lua:6 loop]
local function f(...)
  local s = 0
  for i = 1, 200 do s = s + select('#', ...) end
  return s
end
print(f(1, 2, 3))
