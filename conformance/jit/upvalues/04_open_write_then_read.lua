-- A closure writes an open upvalue the loop then reads directly as its local.
-- jv: [TRACE   1 04_open_write_then_read.lua:6 loop]
local x = 0
local function set(v) x = v end
local s = 0
for i = 1, 300 do
  set(i * 2)
  s = s + x
end
print(s, x)
