-- A loaded chunk is a vararg function.
local f = loadstring("local a, b = ... return b, a, select('#', ...)")
print(f(1, 2, 3))
print(f())
