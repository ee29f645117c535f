-- A table stored in a global escapes: it is allocated, and every iteration's table is
-- the one the global holds.
local s = 0
for i = 1, 300 do
  local p = { x = i }
  last = p
  s = s + p.x
end
print(s, last.x)
-- jv: [TRACE   1 07_escape_global.lua:4 loop]
