-- table.concat converts numbers like tostring.
print(table.concat({1, 0.5, -0.0, 1e100, 2^53, 1/3}, " "))
print(table.concat({1, 2, 3}, 4))
print(table.concat({0x10, 1e-3}, ";"))
