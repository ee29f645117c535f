-- Assigning to existing fields during pairs traversal is allowed and traced.
-- jv: [TRACE   2 08_pairs_assign_existing.lua:6 loop]
local t = {}
for i = 1, 100 do t["x" .. i] = i end
for r = 1, 5 do
  for k, v in pairs(t) do t[k] = v + 1 end
end
local s = 0
for k, v in pairs(t) do s = s + v end
print(s)
