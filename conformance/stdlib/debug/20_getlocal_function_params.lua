-- lua5.1 only takes a level, not a function.
-- debug.getlocal(f, n) on a function object returns parameter names only.
local function f(alpha, beta, ...) local gamma end
print(debug.getlocal(f, 1))
print(debug.getlocal(f, 2))
print(debug.getlocal(f, 3))
print(debug.getlocal(print, 1))
