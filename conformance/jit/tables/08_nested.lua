-- Loads through nested tables (t[i].x.y) and stores into inner tables.
-- jv: [TRACE   1 08_nested.lua:5 loop]
local rows = {}
for i = 1, 50 do rows[i] = { pos = { x = i, y = -i }, hits = 0 } end
for i = 1, 1000 do
  local r = rows[i % 50 + 1]
  r.hits = r.hits + 1
  r.pos.x = r.pos.x + r.pos.y * 0.5
end
print(rows[1].hits, rows[1].pos.x, rows[50].pos.x)
