-- Results are signed 32-bit numbers.
-- lua5.1 has no bit library.
print(bit.bor(0x80000000, 0))
print(bit.lshift(1, 31))
print(bit.band(0xffffffff, 0xffffffff))
print(bit.rshift(-1, 0))
print(bit.rshift(-1, 1))
print(bit.bxor(0x7fffffff, 0xffffffff))
