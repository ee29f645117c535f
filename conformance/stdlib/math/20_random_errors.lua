-- LuaJIT does not check random's interval or argument count (random(0) is 1);
-- lua5.1 raises 'interval is empty' and 'wrong number of arguments'.
-- random argument errors.
print(pcall(math.random, 0))
print(pcall(math.random, 2, 1))
print(pcall(math.random, 1, 2, 3))
print(pcall(math.random, "x"))
print(pcall(math.randomseed))
