-- Assigning to existing fields (including nil) during pairs traversal is allowed.
local t = {}
for i = 1, 10 do t[i] = i end
for k, v in pairs(t) do
  if v % 2 == 0 then t[k] = nil else t[k] = v * 10 end
end
local sum, n = 0, 0
for k, v in pairs(t) do sum = sum + v n = n + 1 end
print(n, sum)
