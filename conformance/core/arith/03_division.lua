-- lua5.1 shares one constant slot for 0 and -0, so it prints 0 where LuaJIT prints -0.
-- Division is always floating point.
print(1 / 2, 3 / 3, 10 / 4, -9 / 2)
print(1 / 3)
print(2 / 3)
print(0 / 1, -0 / 1, 0 / -1)
