-- lua5.1 differs: it has no bit library.
-- Every bit operation on trace, with operands beyond 32 bits and negatives (tobit's
-- wrap-around), shifts by more than 31 and rotations.
-- jv: [TRACE   1 05_bit_ops.lua:6 loop]
local acc = 0
for i = 1, 300 do
  local x = i * 2654435761
  acc = bit.bxor(acc, bit.band(x, 0xffff), bit.bor(i, 0x100))
  acc = acc + bit.bnot(i) + bit.lshift(i, i % 40) + bit.rshift(-i, 3) + bit.arshift(-i, 3)
  acc = bit.tobit(acc + bit.rol(x, 7) + bit.ror(x, 9) + bit.bswap(i))
end
print(acc, bit.tobit(2 ^ 32 + 5), bit.tohex(acc))
