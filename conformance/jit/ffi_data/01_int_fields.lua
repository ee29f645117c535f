-- Struct fields of every integer width and signedness, loaded and stored on trace
-- through the cdata's address; stores of Lua numbers wrap to the field's width.
local ffi = require("ffi")
ffi.cdef[[
typedef struct { int8_t a; uint8_t b; int16_t c; uint16_t d; int32_t e; uint32_t f; } ints_t;
]]
local s = ffi.new("ints_t")
local sum = 0
for i = 1, 200 do
  s.a = i * 3
  s.b = i * 5
  s.c = i * 311
  s.d = i * 977
  s.e = i * 10000001
  s.f = i * 20000001
  sum = sum + s.a + s.b + s.c + s.d + s.e + s.f
end
print(sum, s.a, s.b, s.c, s.d, s.e, s.f)
-- jv: [TRACE   1 01_int_fields.lua:9 loop]
