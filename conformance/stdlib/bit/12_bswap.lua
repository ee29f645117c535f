-- Byte swaps.
-- lua5.1 has no bit library.
print(bit.tohex(bit.bswap(0x12345678)))
print(bit.tohex(bit.bswap(0xff)))
print(bit.bswap(-1))
print(bit.bswap(0))
print(bit.bswap(bit.bswap(0x7f00ff01)) == 0x7f00ff01)
print(bit.bswap(0x80))
