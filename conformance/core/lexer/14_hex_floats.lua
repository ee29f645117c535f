-- LuaJIT: hex floats with fraction and binary exponent (lua5.1 rejects most of these).
print(0x1p4, 0x1P-1, 0x.8, 0x1.8)
print(0xA.8p1, 0x.1p4, 0x1p+2)
print(0x1.fffffffffffffp1023)
print(0x1p-1074)
print(0x3p-2)
