-- bit.tobit normalizes numbers to signed 32-bit integers.
-- lua5.1 has no bit library (programs in this directory fail there).
for _, x in ipairs({0, 1, -1, 2^31 - 1, 2^31, 2^32, 2^32 + 1, -2^31, -2^31 - 1, 2^52, 2^53, 0xffffffff, 1e10}) do
  print(x, bit.tobit(x))
end
