-- select with a negative index (from the end) and select('#') of a nil-holed list.
-- jv: [TRACE   1 15_select_negative.lua:5 loop]
local function f(...)
  local s = 0
  for i = 1, 200 do
    s = s + select(-1, ...) + select('#', ...)
  end
  return s
end
print(f(1, nil, 3), f(nil, nil, 9))
