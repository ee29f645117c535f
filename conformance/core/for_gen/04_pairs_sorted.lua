-- pairs visits every key exactly once; the order is unspecified, so we sort before printing.
local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do
    local s = tostring(k)
    local i = #keys
    while i > 0 and keys[i] > s do keys[i + 1] = keys[i] i = i - 1 end
    keys[i + 1] = s
  end
  return keys
end
local t = {1, 2, 3, a = "x", b = "y", [10] = "ten", [2.5] = "float"}
local keys = sorted_keys(t)
local line = ""
for i = 1, #keys do line = line .. keys[i] .. " " end
print(line)
local count = 0
for k, v in pairs(t) do count = count + 1 end
print(count)
