-- band, bor, bxor on two arguments.
-- lua5.1 has no bit library.
local pairs_ = {{0xff, 0x0f}, {0x12345678, 0xf0f0f0f0}, {-1, 0}, {-1, -1}, {0, 0}, {5, 3}, {2^31, 1}}
for _, p in ipairs(pairs_) do
  local a, b = p[1], p[2]
  print(bit.tohex(bit.band(a, b)), bit.tohex(bit.bor(a, b)), bit.tohex(bit.bxor(a, b)))
end
