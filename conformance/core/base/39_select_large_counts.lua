-- select('#') counts large numbers of arguments.
local t = {}
for i = 1, 250 do t[i] = i end
print(select("#", unpack(t)))
print(select(250, unpack(t)))
print(select(-250, unpack(t)) == 1)
