-- bit.tohex with default and explicit digit counts.
-- lua5.1 has no bit library.
print(bit.tohex(1))
print(bit.tohex(255))
print(bit.tohex(-1))
print(bit.tohex(0x12345678))
print(bit.tohex(255, 2))
print(bit.tohex(255, 4))
print(bit.tohex(255, -4))
print(bit.tohex(0xabcdef, -8))
print(bit.tohex(0x12345678, 3))
print(bit.tohex(1, 0))
print(bit.tohex(2^32 + 10))
