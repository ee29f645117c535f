-- Bitfields on trace: signed and unsigned of widths 1 to 32 in containers of 8 to
-- 32 bits, bool bitfields, loads (shift, mask, sign extension) and
-- read-modify-write stores that keep the neighbouring fields.
local ffi = require("ffi")
ffi.cdef[[ typedef struct {
  unsigned u1:1; int s3:3; unsigned u5:5; int s7:7; bool b1:1; unsigned u32:32;
  int s20:20; uint8_t u2:2; int8_t s4:4; int16_t s9:9; uint16_t u16:16; int s32:32; bool b2:1;
} bf_t; ]]
local s = ffi.new("bf_t")
local acc = 0
for i = 1, 300 do
  s.u1 = i; s.s3 = i; s.u5 = i * 3; s.s7 = -i; s.b1 = i % 3 == 0
  s.u32 = i * 12345677; s.s20 = -i * 999; s.u2 = i; s.s4 = i - 100; s.s9 = i * 7 - 300
  s.u16 = i * 611; s.s32 = -(i * 7654321 % 2000000000); s.b2 = i % 2
  acc = acc + s.u1 + s.s3 + s.u5 + s.s7 + (s.b1 and 1 or 0) + s.u32 + s.s20 + s.u2 + s.s4
    + s.s9 + s.u16 + s.s32 + (s.b2 and 1000 or 0)
end
print(acc)
print(s.u1, s.s3, s.u5, s.s7, s.b1, s.u32, s.s20, s.u2, s.s4, s.s9, s.u16, s.s32, s.b2)
-- jv: [TRACE   1 39_bitfields.lua:11 loop]
