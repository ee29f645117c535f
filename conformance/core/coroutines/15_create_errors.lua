-- lua5.1 says "Lua function expected" for create and wrap.
-- create and wrap want a function; resume wants a coroutine.
print(pcall(coroutine.create, 1))
print(pcall(coroutine.create))
print(pcall(coroutine.wrap, {}))
print(pcall(coroutine.resume, 1))
print(pcall(coroutine.status, "x"))
