-- unpack with explicit ranges, including nils and empty ranges.
local t = {1, 2, 3, 4, 5}
print(unpack(t, 2))
print(unpack(t, 2, 3))
print(unpack(t, 4, 8))
print(unpack(t, 3, 2))
print(select("#", unpack(t, 3, 2)))
print(unpack({}, 1, 3))
print(unpack(t, -1, 1))
print(unpack({n = 1, "a", "b"}, "1", "2"))
