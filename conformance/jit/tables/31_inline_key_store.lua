-- Stores with variable string keys into keys the table already has are made in machine
-- code: overwriting live values, deleting (storing nil), and storing again into the
-- dead entries that deleting leaves (a table without metatable). Keys sit at their main
-- position and further down chains (300 keys in 512 nodes collide).
-- jv: [TRACE * 31_inline_key_store.lua:15 loop]
-- jv: [TRACE * 31_inline_key_store.lua:19 loop]
-- jv: [TRACE * 31_inline_key_store.lua:22 loop]
-- jv: [TRACE * 31_inline_key_store.lua:27 loop]
local keys = {}
for i = 1, 300 do keys[i] = "k" .. i end
local t = {}
for i = 1, 300 do t[keys[i]] = 0 end

for r = 1, 5 do
  for i = 1, 300 do t[keys[i]] = t[keys[i]] + i * r end
end
-- Delete every other key, then put half of them back (dead entries reused).
for r = 1, 2 do
  for i = 2, 300, 2 do t[keys[i]] = nil end
end
local back = 0
for i = 4, 300, 4 do
  t[keys[i]] = -i
  back = back + 1
end
local sum, n = 0, 0
for i = 1, 300 do
  local v = t[keys[i]]
  if v then sum = sum + v n = n + 1 end
end
print(sum, n, back)
local cnt = 0
for _ in pairs(t) do cnt = cnt + 1 end
print(cnt)

-- Mixed key types in one loop: strings, numbers and a boolean (the boolean goes
-- through the helper).
local m = { a = 1, b = 2, [2.5] = 3, [true] = 4 }
local ks = { "a", "b", 2.5, true }
for i = 1, 200 do
  local k = ks[(i % 4) + 1]
  m[k] = m[k] + 1
end
print(m.a, m.b, m[2.5], m[true])
