-- unpack with explicit range keeps nils in place.
local t = {1, nil, 3}
print(unpack(t, 1, 3))
print(select("#", unpack(t, 1, 3)))
print(unpack({nil, nil}, 1, 2))
