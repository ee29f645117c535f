-- A table stored in an upvalue escapes through the closure that reads it.
local held
local function get() return held end
local s = 0
for i = 1, 300 do
  local p = { x = i, y = 1 }
  held = p
  s = s + p.y
end
print(s, get().x, held.y)
-- jv: [TRACE   1 08_escape_upvalue.lua:5 loop]
