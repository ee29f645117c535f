-- math.floor and math.ceil, including negatives, halves and huge values.
for _, x in ipairs({0, 0.5, -0.5, 1.5, -1.5, 2, -2, 1e15 + 0.5, -1e15 - 0.5, 2^53, 1e300, 0.1, -0.1}) do
  print(x, math.floor(x), math.ceil(x))
end
print(math.floor(math.huge), math.ceil(-math.huge))
print(math.floor("3.7"), math.ceil("3.2"))
print(pcall(math.floor, "x"))
print(pcall(math.ceil, {}))
