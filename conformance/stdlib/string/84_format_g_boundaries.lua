-- %g switches to exponent form at the precision boundary.
for _, x in ipairs({1e-5, 1e-4, 0.0001234, 123456, 1234567, 1e15, 1e16, 1e17, 0.1, 1/3, 2/3, 100, 1e100}) do
  print(string.format("%g|%.1g|%.14g|%.17g", x, x, x, x))
end
