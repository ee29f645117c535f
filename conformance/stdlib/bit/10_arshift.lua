-- Arithmetic right shift keeps the sign.
-- lua5.1 has no bit library.
for _, x in ipairs({-1, -2, -256, -2^31, 0x7fffffff, 256}) do
  print(x, bit.arshift(x, 1), bit.arshift(x, 4), bit.arshift(x, 31), bit.arshift(x, 0), bit.arshift(x, 32))
end
