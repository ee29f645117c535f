-- A function whose body has a loop: its function trace aborts at the loop (a loop
-- belongs to its own trace), and the loop itself traces.
-- jv: [TRACE * 03_function_with_loop.lua:7 loop]
-- jv: [TRACE --- 03_function_with_loop.lua:5 -- inner loop in root trace*]
local function sum(n)
  local s = 0
  for i = 1, n do s = s + i end
  return s
end
local total = 0
for j = 1, 200 do total = total + sum(j % 7) + #string.format("%d", j) end
print(total)
