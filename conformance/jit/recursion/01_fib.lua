-- Doubly recursive fib: its function trace inlines fib(n - 1) until `recunroll` frames of
-- fib are on trace, then closes as up-recursion (each iteration one frame deeper); the
-- base case and the second call grow side traces that link back to it.
-- jv: [TRACE   1 01_fib.lua:6 up-recursion]
-- jv: [TRACE * (1/*) 01_fib.lua:7 -> 1]
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end
print(fib(24))
local s = 0
for i = 0, 20 do s = s + fib(i) end
print(s)
