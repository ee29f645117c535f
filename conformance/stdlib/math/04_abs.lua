-- math.abs.
print(math.abs(-5), math.abs(5), math.abs(-0.5), math.abs(0))
print(math.abs(-math.huge))
print(math.abs(-2^63))
print(math.abs("-3"))
print(pcall(math.abs))
print(pcall(math.abs, {}))
print(1 / math.abs(-0.0))
