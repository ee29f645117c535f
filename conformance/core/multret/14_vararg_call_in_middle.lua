-- A vararg expression in the middle of an argument list gives one value.
local function f(...) return select("#", ..., "x"), ... end
print(f(1, 2, 3))
print(f())
