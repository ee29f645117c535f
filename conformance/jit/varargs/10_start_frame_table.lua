-- `{...}` and `{..., x}` built in a traced loop of a vararg function.
-- jv: [TRACE   1 10_start_frame_table.lua:5 loop]
local function f(...)
  local n = 0
  for i = 1, 200 do
    local t = {...}
    local u = {i, ...}
    n = n + #t + u[1] + #u
  end
  return n
end
print(f("a", "b", "c"), f(4))
