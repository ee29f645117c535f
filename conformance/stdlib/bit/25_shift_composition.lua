-- Extracting and inserting bit fields.
-- lua5.1 has no bit library.
local function field(x, lo, width) return bit.band(bit.rshift(x, lo), bit.lshift(1, width) - 1) end
local v = 0xdeadbeef
print(bit.tohex(field(v, 0, 8)), bit.tohex(field(v, 8, 8)), bit.tohex(field(v, 16, 16)), bit.tohex(field(v, 28, 4)))
local w = bit.bor(bit.lshift(0xab, 24), bit.lshift(0xcd, 16), bit.lshift(0xef, 8), 0x01)
print(bit.tohex(w), w)
