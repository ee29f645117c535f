-- Closures created in a loop share a local declared outside the loop.
local fns = {}
local total = 0
for i = 1, 3 do
  fns[i] = function(d) total = total + d return total end
end
print(fns[1](1), fns[2](10), fns[3](100))
print(total)
