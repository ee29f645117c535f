-- %x and %o of negative numbers use the 64-bit two's complement in LuaJIT.
print(string.format("%x", -1))
print(string.format("%X", -255))
print(string.format("%o", -8))
print(string.format("%u", -1))
