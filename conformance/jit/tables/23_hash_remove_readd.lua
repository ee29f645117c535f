-- Constant string keys removed (nil store) and added back in the hash part: the key
-- keeps its node while dead, so loads and stores at that node stay right.
-- jv: [TRACE * 23_hash_remove_readd.lua:8 loop]
-- jv: [TRACE * (1/*) 23_hash_remove_readd.lua:9 -> 1]
local cp = dofile("../fixtures/checkpoint.lua")
local t = { a = 1, b = 2, c = 3 }
local s, missing = 0, 0
for i = 1, 300 do
  if i % 3 == 0 then t.b = nil end
  if t.b then s = s + t.b else missing = missing + 1 end
  if i % 3 == 1 then t.b = i end
  t.a = t.a + 1
  if i == 100 then cp("readd") end
end
print(s, missing, t.a, t.b, t.c)
