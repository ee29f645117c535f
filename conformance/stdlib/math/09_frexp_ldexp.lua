-- math.frexp and math.ldexp.
for _, x in ipairs({1, 0.5, 8, -3, 1000, 0, 1e-310, 2^1023}) do
  local m, e = math.frexp(x)
  print(x, m, e, math.ldexp(m, e) == x)
end
print(math.ldexp(1, 10), math.ldexp(0.75, -2), math.ldexp(1, 1024), math.ldexp(1, -1080))
print(math.ldexp(3, 2.9))
print(math.frexp(math.huge))
print(pcall(math.ldexp, 1))
print(pcall(math.frexp))
