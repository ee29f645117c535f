-- Inputs beyond 32 bits wrap modulo 2^32.
-- lua5.1 has no bit library.
for _, x in ipairs({2^32, 2^32 + 5, 2^40 + 3, -2^32 - 1, 2^53 - 1, 2^60}) do
  print(string.format("%.0f", x), bit.tobit(x), bit.band(x, 0xffff))
end
