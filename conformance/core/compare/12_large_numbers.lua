-- Comparisons near the edges of double precision.
print(2^53 < 2^53 + 2, 2^1023 * 2 == 1/0, 1e308 * 10 == 1/0)
print(5e-324 > 0, 5e-324 / 2 == 0, -5e-324 < 0)
print(9007199254740993 == 9007199254740992)
