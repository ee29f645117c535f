-- Logical shifts, including shift counts 0, 31, 32, 33 and negative (counts use 5 bits).
-- lua5.1 has no bit library.
for _, n in ipairs({0, 1, 4, 31, 32, 33, -1, 64, 36}) do
  print(n, bit.tohex(bit.lshift(1, n)), bit.tohex(bit.rshift(0x80000000, n)), bit.tohex(bit.lshift(0x12345678, n)))
end
