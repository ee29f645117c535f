-- lua5.1 checks fmod's second argument first when both are missing.
-- math.fmod keeps the sign of the dividend.
for _, p in ipairs({{7, 3}, {-7, 3}, {7, -3}, {-7, -3}, {5.5, 2}, {-5.5, 2}, {1, 0.3}, {0, 5}, {3, math.huge}}) do
  print(p[1], p[2], math.fmod(p[1], p[2]))
end
print(math.fmod(1, 0) ~= math.fmod(1, 0))
print(math.fmod(math.huge, 1) ~= math.fmod(math.huge, 1))
print(pcall(math.fmod, 1))
print(pcall(math.fmod))
