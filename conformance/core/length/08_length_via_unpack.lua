-- unpack without bounds uses #.
local t = {1, 2, 3}
print(unpack(t))
t[4] = 4
print(unpack(t))
print(select("#", unpack({})))
