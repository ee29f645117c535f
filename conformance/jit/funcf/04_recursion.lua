-- Recursive fib: the first recording starts at an entry with n < 2 (most calls are
-- leaves) and ends at its return; its side traces inline the recursion through that
-- trace's entry until the call unroll limit, which flushes it (a trace that only returns
-- is in the way of recursion); a later recording from the entry closes as up-recursion.
-- jv: [TRACE   1 04_recursion.lua:9 return]
-- jv: [TRACE   2 (1/*) 04_recursion.lua:* return]
-- jv: [TRACE --- (*) 04_recursion.lua:* -- call unroll limit reached*]
-- jv: [TRACE * 04_recursion.lua:9 up-recursion]
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end
print(fib(22))
