-- The exit naming sunk boxes becomes hot and gets a side trace: the parent's exit path
-- makes the boxes before the side trace reads them from the stack.
local h, g = 0ULL, 0LL
for i = 1, 1000 do
  h = h * 7ULL + i
  if i % 3 == 0 then
    g = g + (h % 1000ULL)
  else
    g = g - 1LL
  end
end
print(h, g)
-- jv: [TRACE   1 35_box_side_trace.lua:4 loop]
-- jv: [TRACE   2 (1/*) 35_box_side_trace.lua:6 -> 1]
