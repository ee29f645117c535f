-- # on arrays without holes, with trailing nils removed.
local t = {1, 2, 3}
print(#t)
t[#t] = nil
print(#t)
t[#t + 1] = "x"
print(#t)
local u = {}
for i = 1, 100 do u[i] = i end
for i = 100, 51, -1 do u[i] = nil end
print(#u)
print(#{n = 1})
print(#{nil})
print(select("#", unpack({1, 2, 3})))
