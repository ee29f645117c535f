-- Varargs are reached with negative indices (LuaJIT).
-- lua5.1 has no negative indices.
local function f(a, ...)
  print(debug.getlocal(1, -1))
  print(debug.getlocal(1, -2))
  print(debug.getlocal(1, -3))
  print(debug.getlocal(1, -4))
  print(debug.getlocal(1, 1))
end
f("fixed", "v1", nil, "v3")
local function g() print(debug.getlocal(1, -1)) end
g(1, 2)
