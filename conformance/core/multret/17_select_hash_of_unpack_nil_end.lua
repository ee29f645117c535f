-- unpack with an explicit end keeps trailing nils in the count.
local t = {1, 2}
print(select("#", unpack(t, 1, 5)))
print(select("#", unpack({}, 1, 0)))
print(select("#", unpack({n = 3})))
