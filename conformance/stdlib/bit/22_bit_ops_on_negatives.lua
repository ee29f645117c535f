-- Negative inputs in every operation.
-- lua5.1 has no bit library.
local a, b = -12345, -678
print(bit.band(a, b), bit.bor(a, b), bit.bxor(a, b), bit.bnot(a))
print(bit.lshift(a, 3), bit.rshift(a, 3), bit.arshift(a, 3))
print(bit.rol(a, 7), bit.ror(a, 7), bit.bswap(a))
