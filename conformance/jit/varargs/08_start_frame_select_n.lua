-- select(n, ...) of the start frame with a constant n and with the loop index (a
-- guarded value, so each distinct n exits once and side traces take over).
-- jv: [TRACE   1 08_start_frame_select_n.lua:7 loop]
-- jv: [TRACE   2 (1/*) 08_start_frame_select_n.lua:8 -> 1]
local function f(...)
  local s = 0
  for i = 1, 300 do
    s = s + select(2, ...) + (select(i % 4 + 1, ...))
  end
  return s
end
print(f(10, 20, 30, 40))
