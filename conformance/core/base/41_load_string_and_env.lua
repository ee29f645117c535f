-- LuaJIT's load also accepts a string and the 5.2 mode and env arguments (lua5.1 does not).
local f = load("return 1 + 1")
print(f())
local g = load("return x", "=envchunk", "t", {x = "from env"})
print(g())
print(load("return", "=c", "b"))
