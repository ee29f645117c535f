-- Inlined callees read and write globals and upvalues of their own closures.
counter = 0
local base = 10
local function bump(n) counter = counter + n; base = base + 1; return base end
local last = 0
for i = 1, 400 do last = bump(i) end
print(counter, base, last)
local x = 0
local function readx() return x end
local sum = 0
for i = 1, 300 do x = x + 1; sum = sum + readx() end
print(x, sum)
