-- A function whose body has a short loop (zero to six trips): the loop's recordings
-- keep leaving it, and the caller's loop inlines the function with the loop unrolled.
-- jv: [TRACE --- 03_function_with_loop.lua:7 -- leaving loop in root trace*]
-- jv: [TRACE * 03_function_with_loop.lua:11 *]
local function sum(n)
  local s = 0
  for i = 1, n do s = s + i end
  return s
end
local total = 0
for j = 1, 200 do total = total + sum(j % 7) + #string.format("%d", j) end
print(total)
