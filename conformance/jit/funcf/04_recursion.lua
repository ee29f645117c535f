-- Recursive fib: the first recording starts at an entry with n < 2 (most calls are
-- leaves) and ends at its return; the recursive path exits from it, and its side
-- traces inline the recursion until the unroll limit aborts them.
-- jv: [TRACE   1 04_recursion.lua:7 interpreter]
-- jv: [TRACE   2 (1/*) 04_recursion.lua:* interpreter]
-- jv: [TRACE --- (*) 04_recursion.lua:* -- call unroll limit reached*]
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end
print(fib(22))
