-- Store-to-load forwarding must forget what a store through an alias may change.
local a = {}
local b = a
local s = 0
for i = 1, 300 do
  a[1] = i
  b[1] = i * 2          -- the same table: a[1] is now i * 2
  s = s + a[1]
  local c = (i % 3 == 0) and a or {}
  c[2] = i              -- sometimes a, sometimes a fresh table
  s = s + (a[2] or 0)
  local k = i % 2       -- a variable key that is sometimes 1
  a[k + 1] = -i
  s = s + a[1] + a[2]
end
print(s, a[1], a[2])

-- 0 and -0 are one key.
local t = {}
local z, nz = 0, 0 * -1
local r = 0
for i = 1, 200 do
  t[z] = i
  t[nz] = i + 1
  r = r + t[z] + t[0]
end
print(r, t[0], t[nz])

-- A load hoisted out of the loop must not be, if the loop stores to the same slot.
local p = { n = 1 }
local q = 0
for i = 1, 200 do
  q = q + p.n
  p.n = p.n + 1
end
print(q, p.n)
