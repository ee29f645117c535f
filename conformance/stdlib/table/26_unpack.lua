-- unpack with ranges (base library, used with tables).
print(unpack({1, 2, 3}))
print(unpack({1, 2, 3}, 2))
print(unpack({1, 2, 3}, 2, 3))
print(unpack({1, 2, 3}, 3, 2))
print(select("#", unpack({}, 1, 3)))
print(unpack({"a", "b"}, -1, 1))
print(pcall(unpack, {}, 1, 1e8))
