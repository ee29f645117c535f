-- A tail-recursive accumulator loop: tail recursion, one frame however deep it goes.
-- jv: [TRACE * 05_tail_loop.lua:4 tail-recursion]
-- jv: [TRACE * 05_tail_loop.lua:9 tail-recursion]
local function loop(n, acc)
  if n == 0 then return acc end
  return loop(n - 1, acc + n)
end
print(loop(200000, 0))
local function count(n, k) if n <= 0 then return k end return count(n - 3, k + 1) end
print(count(100000, 0), count(7, 0), count(0, 5))
