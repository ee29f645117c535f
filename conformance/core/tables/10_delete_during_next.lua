-- Clearing fields while traversing with next visits the remaining keys exactly once.
local t = {}
for i = 1, 20 do t["k" .. i] = i end
local visited = 0
for k in pairs(t) do
  visited = visited + 1
  t[k] = nil
end
print(visited, next(t))
