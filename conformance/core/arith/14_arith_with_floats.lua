-- Float arithmetic results.
print(0.1 + 0.2, 0.3 - 0.1, 1.1 * 1.1)
print(3 * 1.5, 7 / 0.5, 2.5 % 1)
print(1e300 * 1e10, -1e300 * 1e10)
print(1e-300 / 1e100)
