-- lua5.1 says "table expected, got no value" for pairs().
-- pairs visits every key once; we print a sorted view (pairs order is unspecified).
local function sort(list)
  for i = 2, #list do
    local v = list[i]
    local j = i - 1
    while j >= 1 and list[j] > v do list[j + 1] = list[j] j = j - 1 end
    list[j + 1] = v
  end
  return list
end
local t = {10, 20, 30, x = 1, y = 2, z = 3}
local keys = {}
local sum = 0
for k, v in pairs(t) do keys[#keys + 1] = tostring(k) sum = sum + v end
sort(keys)
local line = ""
for i = 1, #keys do line = line .. keys[i] .. " " end
print(line, sum)
print(pcall(pairs))
print(pcall(pairs, 1))
