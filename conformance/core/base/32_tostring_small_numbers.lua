-- Small and fractional numbers.
print(0.5, 0.25, 0.125, 1/1024)
print(1e-10, 1.5e-15, 2^-1022, 2^-1074)
print(0.1 * 3, 1 - 0.9)
