-- math.modf splits into integral and fractional parts with the same sign.
for _, x in ipairs({3.7, -3.7, 5, -5, 0.25, -0.25, 1e20, 0}) do
  print(x, math.modf(x))
end
print(math.modf(math.huge))
print(math.modf(-math.huge))
print(pcall(math.modf))
