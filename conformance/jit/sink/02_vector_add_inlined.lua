-- Vector arithmetic through an inlined function that returns a fresh table: the
-- temporaries never escape the iteration.
local function vadd(a, b) return { x = a.x + b.x, y = a.y + b.y } end
local function vscale(a, s) return { x = a.x * s, y = a.y * s } end
local acc_x, acc_y = 0, 0
for i = 1, 500 do
  local v = vadd({ x = i, y = 1 }, vscale({ x = 2, y = i }, 3))
  acc_x = acc_x + v.x
  acc_y = acc_y + v.y
end
print(acc_x, acc_y)
-- jv: [TRACE   1 02_vector_add_inlined.lua:6 loop]
