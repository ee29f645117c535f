-- math.atan2 in every quadrant and at the axes.
for _, p in ipairs({{1, 1}, {1, -1}, {-1, -1}, {-1, 1}, {0, 1}, {0, -1}, {1, 0}, {-1, 0}, {0, 0}}) do
  print(p[1], p[2], string.format("%.14g", math.atan2(p[1], p[2])))
end
print(string.format("%.14g", math.atan2(1, math.huge)), string.format("%.14g", math.atan2(math.huge, math.huge)))
print(pcall(math.atan2, 1))
