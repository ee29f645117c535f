-- A point table made and dropped in every iteration: sinking leaves it unallocated,
-- its fields are the stored values.
local sx, sy = 0, 0
for i = 1, 1000 do
  local p = { x = i, y = i * 0.5 }
  sx = sx + p.x
  sy = sy + p.y
end
print(sx, sy)
-- jv: [TRACE   1 01_point_dropped.lua:4 loop]
