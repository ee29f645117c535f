-- A field store into a dead node (its value stored nil) of a table with __newindex:
-- the store must call __newindex, while stores over live values never do.
-- jv: [TRACE * 27_hash_store_newindex.lua:7 loop]
local hits = 0
local t = setmetatable({ f = 1, g = 1 }, { __newindex = function(tt, k, v) hits = hits + 1 rawset(tt, k, v) end })
local s = 0
for i = 1, 300 do
  t.g = t.g + 1
  if i % 50 == 0 then rawset(t, "f", nil) end
  t.f = i
  s = s + t.f + t.g
end
print(s, hits, t.f, t.g)
