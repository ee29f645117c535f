-- Rotations.
-- lua5.1 has no bit library.
for _, n in ipairs({0, 1, 4, 8, 16, 31, 32, -1, 40}) do
  print(n, bit.tohex(bit.rol(0x12345678, n)), bit.tohex(bit.ror(0x12345678, n)))
end
