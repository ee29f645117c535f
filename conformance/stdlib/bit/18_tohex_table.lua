-- tohex of powers of two and their negations.
-- lua5.1 has no bit library.
for i = 0, 31, 3 do
  print(i, bit.tohex(2^i), bit.tohex(-2^i), bit.tohex(2^i, -4))
end
