-- A trace that ends at a return where a down-recursive trace starts continues in it
-- directly (a link, `-> N`), instead of exiting there for the exit handler to enter
-- it: fib's two calls return through traces that link at the returns. Checkpoints
-- on a cold path show the frames an exit after such a link rebuilds; a base case of
-- another type makes the linked trace's entry guards fail, and a string result makes
-- the returned value's type differ on the trace linked to.
-- jv: [TRACE * 40_return_link.lua:14 down-recursion]
-- jv: [TRACE * 40_return_link.lua:12 up-recursion]
-- jv: [TRACE * 40_return_link.lua:13 -> *]
local cp = dofile("../fixtures/checkpoint.lua")
local show, base = false, 0
local function fib(k)
  if k < 2 then if show and k == 0 then cp("base " .. k) show = false end return k + base end
  return fib(k - 1) + fib(k - 2)
end
local s = 0
for i = 1, 30 do s = s + fib(i % 12 + 4) end
print(s)
show = true
print(fib(9))
base = 0.5
print(fib(10))
base = "1"
print(fib(8))
base = 0
print(fib(15), fib(1), fib(0))
