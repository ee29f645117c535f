-- String keys (hash part), some from the constructor's template, some stored later:
-- the exit makes the table with every key.
local function keys(t)
  local ks = {}
  for k, v in pairs(t) do ks[#ks + 1] = tostring(k) .. "=" .. tostring(v) end
  table.sort(ks)
  return table.concat(ks, ",")
end
local s = 0
for i = 1, 300 do
  local t = { kind = "pt", a = 1, b = 2 }
  t.c = i
  t.a = i * 2
  s = s + t.a + t.b + t.c
  if i == 200 then print(keys(t)) end
end
print(s)
-- jv: [TRACE   1 15_hash_part.lua:10 loop]
