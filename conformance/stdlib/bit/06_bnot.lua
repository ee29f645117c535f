-- bit.bnot.
-- lua5.1 has no bit library.
for _, x in ipairs({0, 1, -1, 0x7fffffff, -2^31, 0xff, 2^32, 1.5}) do
  print(x, bit.bnot(x), bit.tohex(bit.bnot(x)))
end
