-- Store-to-load forwarding must not look through a store to a table that may be the
-- same: b is sometimes a, and then b[1] = ... changes a[1].
-- jv: [TRACE * 25_store_forwarding_alias.lua:7 loop]
-- jv: [TRACE * (1/*) 25_store_forwarding_alias.lua:8 -> 1]
local a, c = { 0, 0 }, { 0, 0 }
local s = 0
for i = 1, 300 do
  local b = (i % 3 == 0) and a or c
  a[1] = i
  b[1] = -i
  s = s + a[1]
  a.f = i
  b.f = 2 * i
  s = s + a.f
end
print(s, a[1], c[1], a.f, c.f)
