-- LuaJIT 2.1's tohex pads counts above 8 with leading zeros (its 64-bit tohex); negative n
-- means upper case.
-- lua5.1 has no bit library.
print(bit.tohex(0x1234, 20))
print(bit.tohex(0x1234, -20))
print(bit.tohex(-1, 9))
print(bit.tohex(-1, -1))
print(bit.tohex(0, 1))
print(bit.tohex(1.6, 2))
