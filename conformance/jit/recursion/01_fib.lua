-- Doubly recursive fib: the function gets hot at a base case, as LuaJIT's, so its first
-- trace returns; the calls past the base case grow side traces from it, and the
-- returns into fib's own frames make down-recursive traces.
-- jv: [TRACE   1 01_fib.lua:6 return]
-- jv: [TRACE * (1/*) 01_fib.lua:7 *]
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end
print(fib(24))
local s = 0
for i = 0, 20 do s = s + fib(i) end
print(s)
