-- Returning many values at once.
local function range(n, i)
  i = i or 1
  if i > n then return end
  return i, range(n, i + 1)
end
print(select("#", range(100)))
print(select(100, range(100)))
local t = {range(50)}
print(#t, t[50])
