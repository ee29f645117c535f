-- band/bor/bxor with one and with many arguments.
-- lua5.1 has no bit library.
print(bit.band(7), bit.bor(7), bit.bxor(7))
print(bit.band(0xff, 0xf0, 0x3c, 0x18))
print(bit.bor(1, 2, 4, 8, 16, 32, 64, 128, 256))
print(bit.bxor(1, 3, 7, 15, 31))
print(bit.band(-1, -1, -1, -1, -1, 0x55))
print(bit.bor(2^32 + 1, 2^33 + 2))
print(pcall(bit.band))
print(pcall(bit.bor))
print(pcall(bit.bxor))
