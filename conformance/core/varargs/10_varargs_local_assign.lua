-- Assigning ... to locals adjusts to the number of names.
local function f(...)
  local a, b, c = ...
  return a, b, c
end
print(f(1))
print(f(1, 2, 3, 4))
local function g(...)
  local a = ...
  return a
end
print(g(9, 8, 7))
