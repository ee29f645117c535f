-- bit.* shifts of 64-bit cdata by 0..63 (counts of 32 and more included): the
-- result stays a 64-bit cdata, signed or unsigned as the operand.
local bit = require("bit")
local l, r, a = 0LL, 0ULL, 0LL
local out = {}
for i = 0, 127 do
  local n = i % 64
  l = l + bit.lshift(0x123456789ABCDEFLL, n)
  r = r + bit.rshift(0xF0F0F0F0F0F0F0F0ULL, n)
  a = a + bit.arshift(-0x123456789ABCDEFLL, n)
  if i >= 30 and i <= 34 then
    out[#out + 1] = tostring(bit.lshift(1LL, n)) .. " " .. tostring(bit.rshift(-1LL, n))
  end
end
print(l, r, a)
print(table.concat(out, "\n"))
-- jv: [TRACE   1 15_bit64_shifts.lua:6 loop]
