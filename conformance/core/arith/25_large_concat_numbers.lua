-- Converting extreme numbers in concatenation.
print(1e308 .. "", -1e308 .. "", 2^-1022 .. "")
print(123456.789e3 .. "")
print(0.1 + 0.7 .. "")
