-- A hot loop inside a function called several times: the trace is entered on every
-- call once formed, each time with the function's own frame.
-- jv: [TRACE   1 11_loop_in_function.lua:6 loop]
local function sum(n, k)
  local s = 0
  for i = 1, n do s = s + i * k end
  return s
end
local total = 0
for j = 1, 20 do total = total + sum(40 + j, j) end
print(total)
