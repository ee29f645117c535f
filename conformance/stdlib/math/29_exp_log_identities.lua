-- Round trips between exp/log and pow/sqrt printed with 14 digits.
for _, x in ipairs({0.5, 1, 2, 10, 100}) do
  print(x, string.format("%.14g %.14g %.14g", math.log(math.exp(x)), math.sqrt(x) ^ 2, math.exp(math.log(x))))
end
