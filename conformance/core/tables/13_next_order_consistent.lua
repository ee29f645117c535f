-- next returns keys in a stable order during one traversal; nil ends it.
local t = {a = 1, b = 2, c = 3, 1, 2}
local k, v = next(t)
local n = 0
while k ~= nil do
  n = n + 1
  k, v = next(t, k)
end
print(n)
