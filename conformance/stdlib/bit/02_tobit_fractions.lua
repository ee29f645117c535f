-- Non-integral numbers round to nearest, ties to even (BitOp adds 2^52+2^51).
-- lua5.1 has no bit library.
for _, x in ipairs({0.4, 0.5, 0.6, 1.5, 2.5, -0.5, -1.5, -2.5, 3.49999, 2^31 + 0.5, -0.0}) do
  print(x, bit.tobit(x))
end
