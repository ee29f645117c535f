-- Returning from within a numeric for loop.
local function find(limit, target)
  for i = 1, limit do
    if i * i >= target then return i end
  end
  return "none"
end
print(find(100, 50), find(5, 50))
