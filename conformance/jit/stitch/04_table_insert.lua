-- table.insert and table.concat are stitched; the table the stitched trace reads is the
-- one the native filled.
-- jv: [TRACE   1 04_table_insert.lua:7 stitch table.insert]
-- jv: [TRACE   2 (1/stitch) 04_table_insert.lua:8 -> 1]
local t = {}
local s = 0
for i = 1, 200 do
  table.insert(t, i * 2)
  s = s + t[#t]
end
print(s, #t, table.concat(t, ",", 195, 200))
