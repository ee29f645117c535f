-- Memoised recursion: table lookups short-cut most calls (guards that change outcome
-- as the cache fills).
local memo = {}
local function fib(n)
  if n < 3 then return 1 end
  local m = memo[n]
  if m then return m end
  m = fib(n - 1) + fib(n - 2)
  memo[n] = m
  return m
end
print(fib(70), fib(50), fib(2))
local s = 0
for i = 1, 70 do s = s + fib(i) % 1000 end
print(s)
