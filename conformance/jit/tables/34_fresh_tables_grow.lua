-- Fresh tables filled with string and non-integral number keys grow through every
-- hash-part size (each resize moves every key to a new node); lookups after each round,
-- deletions of every third key and re-adds (a deleted key's node is reused) agree.
-- jv: [TRACE * 34_fresh_tables_grow.lua:11 loop]
local keys = {}
for i = 1, 300 do keys[i] = "k" .. i end

local sum = 0
for round = 1, 12 do
  local t, h = {}, {}
  for i = 1, #keys do t[keys[i]] = i + round end
  for i = 1, 150 do h[i * 0.5 + round + 0.25] = i end
  for i = 1, #keys do sum = sum + t[keys[i]] end
  for i = 1, 150 do sum = sum + h[i * 0.5 + round + 0.25] end
  for i = 3, #keys, 3 do t[keys[i]] = nil end
  local missing = 0
  for i = 1, #keys do if t[keys[i]] == nil then missing = missing + 1 end end
  for i = 3, #keys, 6 do t[keys[i]] = -i end
  local n, s = 0, 0
  for _, v in pairs(t) do n = n + 1; s = s + v end
  sum = (sum + n * 7 + s + missing) % 1000000007
end
print(sum)
