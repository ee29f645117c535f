-- sin/cos/tan on a grid, rounded to 10 digits.
for i = -4, 4 do
  local x = i * math.pi / 4
  print(i, string.format("%.10f %.10f", math.sin(x), math.cos(x)))
end
