-- Number comparisons, including infinities and -0.
print(1 < 2, 2 < 1, 1 <= 1, 1 > 1, 2 >= 1, 1 == 1.0, 1 ~= 1)
print(-1/0 < -1e308, 1/0 > 1e308, -0.0 == 0.0, -0.0 < 0.0)
print(0.1 + 0.2 > 0.3, 2^53 == 2^53 + 1)
