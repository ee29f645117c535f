-- LuaJIT's loadstring() complains "function expected" (its loadstring is load); lua5.1 says
-- "string expected".
-- loadstring compiles a string into a vararg function; errors are returned.
local f = loadstring("local a, b = ... return a * b")
print(f(6, 7))
print(type(loadstring("return")))
print(select("#", loadstring("return")()))
print(loadstring("?"))
print(pcall(loadstring))
print(loadstring("return ...", "=name")(1, 2))
