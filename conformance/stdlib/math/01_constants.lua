-- math.pi and math.huge.
print(math.pi)
print(string.format("%.17g", math.pi))
print(math.huge, -math.huge)
print(math.huge == 1/0, math.huge > 1e308)
print(type(math.pi), type(math.huge))
