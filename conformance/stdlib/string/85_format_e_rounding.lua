-- LuaJIT rounds exact ties away from zero (%.0f of 0.5 is 1); lua5.1's C library rounds to even.
-- Rounding in %e and %f.
for _, x in ipairs({0.5, 1.5, 2.5, 1.005, 2.675, 9.995, 99.95, 0.045, 1e-7, 123.456}) do
  print(string.format("%.0f %.1f %.2f %.2e %.0e", x, x, x, x, x))
end
