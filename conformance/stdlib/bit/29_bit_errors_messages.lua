-- Error messages name the argument position.
-- lua5.1 has no bit library.
print(pcall(bit.bor, 1, 2, {}))
print(pcall(bit.bxor, "a"))
print(pcall(bit.rshift, {}, 1))
print(pcall(bit.arshift, 1, {}))
print(pcall(bit.bswap))
print(pcall(bit.bnot, "0x"))
