-- An error raised on a function trace's path (an exit, then the interpreter raises):
-- message and position as without the JIT.
-- jv: [TRACE * 06_error_after_trace.lua:4 return]
local function div(a, b)
  if b == 0 then error("division by zero at " .. a) end
  return a / b
end
local ok, n = true, 0
for i = 1, 300 do
  local b = (i == 280) and 0 or i
  local good, r = pcall(div, i, b)
  if good then n = n + r else print(r) end
end
print(n)
