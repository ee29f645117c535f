-- The loop variable is a copy: changing it does not change the iteration count.
local n = 0
for i = 1, 5 do
  i = i + 10
  n = n + 1
end
print(n)
for i = 1, 3 do
  local old = i
  i = "string now"
  print(old, i)
end
