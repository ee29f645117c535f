-- arshift and rshift agree for non-negative values and differ for negative ones.
-- lua5.1 has no bit library.
for _, x in ipairs({100, -100, 0x40000000, -0x40000000}) do
  print(x, bit.rshift(x, 2), bit.arshift(x, 2))
end
