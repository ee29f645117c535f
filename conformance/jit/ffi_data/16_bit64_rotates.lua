-- bit.rol/ror/band/bor/bxor/bnot/bswap/tohex on 64-bit cdata on trace.
local bit = require("bit")
local x = 0x0123456789ABCDEFULL
local acc = 0ULL
local s = ""
for i = 1, 140 do
  local n = i % 70
  acc = bit.bxor(acc, bit.rol(x, n), bit.ror(x + i, n))
  acc = bit.band(acc, bit.bnot(0xFFULL)) + bit.bor(i * 1ULL, 0x10ULL)
  acc = acc + bit.bswap(acc) % 1000
  if i % 35 == 0 then s = s .. bit.tohex(acc) .. " " end
end
print(acc, s, bit.tohex(-1LL, 8), bit.tohex(0xABCULL, -4))
-- jv: [TRACE   1 16_bit64_rotates.lua:6 loop]
