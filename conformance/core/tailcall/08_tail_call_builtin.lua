-- Tail calls to built-in functions.
local function f(...) return select("#", ...) end
local function g(t) return unpack(t) end
local function h(x) return tostring(x) end
print(f(1, 2), g({1, 2, 3}), h(42))
local function deep(n) if n == 0 then return type(n) end return deep(n - 1) end
print(deep(100000))
