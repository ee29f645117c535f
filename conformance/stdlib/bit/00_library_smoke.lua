-- One call of every bit function, as a quick first check.
-- lua5.1 has no bit library.
print(bit.tobit(1), bit.tohex(1), bit.bnot(0), bit.band(3, 1), bit.bor(1, 2), bit.bxor(3, 1))
print(bit.lshift(1, 2), bit.rshift(4, 1), bit.arshift(-4, 1), bit.rol(1, 1), bit.ror(1, 1), bit.bswap(1))
