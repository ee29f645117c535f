-- sqrt, pow, exp.
print(math.sqrt(16), math.sqrt(2), math.sqrt(0), math.sqrt(math.huge))
print(math.sqrt(-1) ~= math.sqrt(-1))
print(math.pow(2, 10), math.pow(2, 0.5), math.pow(2, -1), math.pow(0, 0), math.pow(-8, 1/3) ~= math.pow(-8, 1/3))
print(math.pow(-2, 3), math.pow(10, 308), math.pow(10, 309))
print(math.exp(0), math.exp(1), math.exp(-1), math.exp(710), math.exp(-750))
print(2^10, 2^-1, (-2)^2)
print(pcall(math.pow, 2))
print(pcall(math.sqrt))
