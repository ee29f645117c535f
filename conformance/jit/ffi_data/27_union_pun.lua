-- A union read through members of other types (type punning): float bits as an
-- integer, a double's halves, bytes of a 32-bit integer.
local ffi = require("ffi")
ffi.cdef[[
typedef union { float f; uint32_t u; uint8_t b[4]; } fu_t;
typedef union { double d; uint32_t w[2]; int64_t i; } du_t;
]]
local fu = ffi.new("fu_t")
local du = ffi.new("du_t")
local acc, hi = 0, 0
for i = 1, 200 do
  fu.f = i * 0.25
  acc = acc + fu.u % 65536 + fu.b[3]
  du.d = -i
  hi = hi + du.w[1] % 4096
end
print(acc, hi, du.i, fu.u)
-- jv: [TRACE   1 27_union_pun.lua:11 loop]
