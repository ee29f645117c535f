-- Recursion through vararg functions: argument lists that grow and shrink each level.
local function count(n, ...)
  if n == 0 then return select("#", ...) end
  return count(n - 1, n, ...)
end
local function sum(a, ...)
  if a == nil then return 0 end
  return a + sum(...)
end
local acc = 0
for i = 1, 200 do acc = acc + count(i % 20) + sum(1, 2, 3, i % 5) end
print(acc, count(40), sum(10, 20, 30, 40, 50, 60))
local function rev(n, ...)
  if n == 0 then return ... end
  return rev(n - 1, select(2, ...), (...))
end
print(rev(3, "a", "b", "c", "d"))
