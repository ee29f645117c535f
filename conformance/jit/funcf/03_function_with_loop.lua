-- A function whose body has a loop: the loop traces itself, and the caller's loop
-- inlines the function up to the loop's FORI and links to the loop's trace there.
-- jv: [TRACE * 03_function_with_loop.lua:7 loop]
-- jv: [TRACE * 03_function_with_loop.lua:11 -> *]
local function sum(n)
  local s = 0
  for i = 1, n do s = s + i end
  return s
end
local total = 0
for j = 1, 200 do total = total + sum(j % 7) + #string.format("%d", j) end
print(total)
