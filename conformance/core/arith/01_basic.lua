-- The arithmetic operators on numbers.
print(7 + 2, 7 - 2, 7 * 2, 7 / 2, 7 % 2, 7 ^ 2)
print(-7 + 2, -7 - 2, -7 * 2, -7 / 2, -7 % 2, (-7) ^ 2)
print(1 / 0, -1 / 0, 0 / 0 ~= 0 / 0)
print(2 ^ 0.5, 2 ^ -2, 0 ^ 0)
