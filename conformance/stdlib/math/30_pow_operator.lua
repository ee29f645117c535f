-- The ^ operator and math.pow agree.
for _, p in ipairs({{2, 3}, {2, 0.5}, {-2, 2}, {0, -1}, {10, -2}, {4, 0.5}, {1, math.huge}}) do
  print(p[1], p[2], p[1] ^ p[2], math.pow(p[1], p[2]))
end
