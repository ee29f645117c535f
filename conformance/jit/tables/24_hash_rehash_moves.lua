-- A constant key read and written in a loop while other keys are added: each rehash
-- may put the key at another node, so the trace's check of the node's key fails and
-- the access is made again (by the interpreter or a side trace).
-- jv: [TRACE * 24_hash_rehash_moves.lua:8 loop]
-- jv: [TRACE * (1/*) 24_hash_rehash_moves.lua:9 -> 1]
local t = { x = 0 }
local s = 0
for i = 1, 400 do
  t.x = t.x + 1
  if i % 20 == 0 then t["k" .. i] = i end
  s = s + t.x
end
local keys = 0
for _ in pairs(t) do keys = keys + 1 end
print(s, t.x, keys, t.k400)
