-- lua5.1 checks the level argument first.
-- debug.getlocal with a bad level.
print(pcall(debug.getlocal, 100, 1))
print(pcall(debug.getlocal))
print(pcall(debug.getlocal, 1))
print(pcall(debug.getlocal, "x", 1))
