-- Recursive calls from a loop are unrolled a bounded number of times (`callunroll`),
-- then the loop's recording aborts; the functions' own traces recurse (up-recursion).
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local fs = 0
for i = 1, 200 do fs = fs + fib(i % 12) end
print(fs)
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
local d = 0
for i = 1, 200 do d = d + depth(i % 5) end
print(d)
