-- loadstring returns nil plus a message; the function returned by a good chunk is callable.
local f, err = loadstring("syntax error here")
print(f, type(err))
local g, e2 = loadstring("return 1, 2")
print(type(g), e2)
print(g())
print(select("#", loadstring("x x")))
print(select("#", loadstring("return")))
