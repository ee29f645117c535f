-- Printing results of math functions uses %.14g.
print(math.sqrt(2), math.pi * 1e10, math.exp(100), math.log(2))
print(1/3 * 3, 0.1 * 3, 100 / 3)
