-- bit.* on 64-bit cdata (LuaJIT 2.1): width and signedness from the cdata operands.
local ffi = require "ffi"
print(bit.band(1LL, 3), bit.band(0xffULL, -1), bit.bor(1, 2LL), bit.bxor(-1LL, 1), bit.bnot(0LL), bit.bnot(0ULL))
print(bit.lshift(1LL, 40), bit.lshift(1, 40), bit.rshift(-1LL, 60), bit.arshift(-16LL, 2), bit.rol(1LL, 65), bit.ror(1ULL, 1))
print(bit.tohex(-1LL), bit.tohex(255LL, 4), bit.tohex(255LL, -4), bit.tobit(0x123456789LL), bit.bswap(0x0102030405060708LL))
print(bit.band(1.5, 3LL), bit.lshift(1LL, 64), bit.lshift(1LL, -1), bit.tohex(0x123456789abcdefLL, 20))
print(bit.tohex(255LL, 0), bit.tohex(255LL, 40), bit.tohex(255LL, -20), bit.lshift(1, 3LL), bit.band(1LL, "3"), pcall(bit.band, 1LL, "x"))
print(pcall(bit.band, 1LL, {}))
print(bit.band(ffi.new("int", 7), 3), bit.tohex(ffi.new("uint8_t", 255)), bit.bor(ffi.new("uint64_t", 1), 2LL))
