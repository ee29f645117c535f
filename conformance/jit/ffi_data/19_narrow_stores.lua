-- Lua numbers stored into narrow and unsigned fields: truncation toward zero, then
-- wrapping to the width; negative numbers into unsigned fields wrap too.
local ffi = require("ffi")
ffi.cdef[[ typedef struct { int8_t a; uint8_t b; int16_t c; uint16_t d; uint32_t e; int64_t f; uint64_t g; } nar_t; ]]
local s = ffi.new("nar_t")
local acc = 0
for i = 1, 240 do
  local v = (i - 120) * 2.75
  s.a = v; s.b = v; s.c = v * 300; s.d = v * 300; s.e = v * 1000; s.f = v * 1e9; s.g = i * 1e15
  acc = acc + s.a + s.b + s.c + s.d + s.e + tonumber(s.f) / 1e9 + tonumber(s.g) / 1e15
end
print(acc, s.a, s.b, s.c, s.d, s.e, s.f, s.g)
-- jv: [TRACE   1 19_narrow_stores.lua:7 loop]
