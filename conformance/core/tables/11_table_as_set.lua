-- Counting distinct values with a table.
local seen, n = {}, 0
local data = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5}
for _, v in ipairs(data) do
  if not seen[v] then seen[v] = true n = n + 1 end
end
print(n)
