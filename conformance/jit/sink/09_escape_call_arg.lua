-- A table passed to a native function (rawget) escapes: the call needs a real table.
local s = 0
for i = 1, 300 do
  local p = { x = i, y = 2 }
  s = s + rawget(p, "x") + p.y
end
print(s)
-- jv: [TRACE   1 09_escape_call_arg.lua:3 loop]
