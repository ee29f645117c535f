-- table.sort on every size from 0 to 40 in reverse order.
local ok = true
for n = 0, 40 do
  local t = {}
  for i = 1, n do t[i] = n - i end
  table.sort(t)
  for i = 2, n do if t[i - 1] > t[i] then ok = false end end
end
print(ok)
