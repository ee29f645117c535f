-- Parameters captured as upvalues.
local function adder(x)
  return function(y) return x + y end
end
local add5 = adder(5)
local add10 = adder(10)
print(add5(1), add10(1), add5(add10(0)))
local function swap_later(a, b)
  return function() a, b = b, a return a, b end
end
local s = swap_later(1, 2)
print(s())
print(s())
