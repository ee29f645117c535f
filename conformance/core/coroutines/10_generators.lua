-- Generators built from coroutines and used in generic for loops.
local function range(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end)
end
local s = 0
for i in range(10) do s = s + i end
print(s)
local function evens(gen)
  return coroutine.wrap(function()
    for v in gen do if v % 2 == 0 then coroutine.yield(v) end end
  end)
end
local out = ""
for v in evens(range(9)) do out = out .. v .. " " end
print(out)
