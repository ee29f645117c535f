-- bit library
print(bit.tobit(2^32+1), bit.tohex(255), bit.tohex(-1, -4), bit.tohex(1, 0), bit.tohex(0x1234, 20))
print(pcall(bit.band), pcall(bit.band, "x"), bit.band("0xff", 15), pcall(bit.bor))
print(bit.lshift(1, 33), bit.rshift(-1, 28), bit.arshift(-256, 4), bit.rol(1, 33), bit.ror(1, 1), bit.bswap(0x12345678), bit.bnot(0), bit.bxor(1, 3, 7))
print(bit.band(1.5), bit.tobit(0/0), bit.tobit(1e100), pcall(bit.tohex, 1, nil))
print(pcall(bit.tobit, {}), pcall(bit.lshift, 1))
print(bit.bor(1, 2, 4, 8), bit.band(-1, 0xf0f0, 0xff00), bit.tohex(-2^31))
