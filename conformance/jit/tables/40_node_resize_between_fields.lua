-- Fields of one table read, a key inserted (the hash part may be resized and every key
-- move to another node), then the fields read and written again in the same iteration:
-- the accesses after the insertion must check their nodes again, not trust the ones
-- before it. Deleting keys and inserting again makes the part shrink as well as grow.
-- jv: [TRACE * 40_node_resize_between_fields.lua:11 loop]
local keys = {}
for i = 1, 300 do keys[i] = "k" .. i end

local t = { x = 1, y = 2, z = 3 }
local s = 0
for i = 1, 300 do
  local a, b = t.x, t.z
  t[keys[i]] = i
  if i % 50 == 0 then
    for j = 1, i - 1 do t[keys[j]] = nil end
    t[keys[i] .. "!"] = 0
  end
  t.x = a + t.y
  t.z = b + t.x
  t.y = t.y + 1
  s = s + t.x + t.z
end
local n = 0
for _ in pairs(t) do n = n + 1 end
print(s, t.x, t.y, t.z, n)
