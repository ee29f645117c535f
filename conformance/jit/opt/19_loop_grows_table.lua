-- Loops that index a table while it grows. The loop proper of a peeled trace may keep
-- a table's part pointers and sizes in registers only when nothing in it can resize a
-- table; here the growth comes from the loop body itself (a store past the end, a
-- native, a callee), and from a side trace every few iterations, which re-enters the
-- root trace at its top.
-- jv: [TRACE * 19_loop_grows_table.lua:15 loop]
-- jv: [TRACE * 19_loop_grows_table.lua:25 loop]
-- jv: [TRACE * 19_loop_grows_table.lua:35 loop]
-- jv: [TRACE * 19_loop_grows_table.lua:45 loop]
-- jv: [TRACE * 19_loop_grows_table.lua:55 loop]
local t = {}
for i = 1, 8 do t[i] = i end
local s = 0
local n = 8
for i = 1, 600 do
  local j = (i % n) + 1
  s = s + t[j]
  t[j] = t[j] + 1
  if i % 37 == 0 then n = n + 1; t[n] = i end
end
print(s, #t, t[1], t[n])

-- Growth in the loop body every iteration: appends move the array part.
local a = { 0 }
for i = 1, 300 do
  a[1] = a[1] + a[#a]
  a[#a + 1] = i
end
print(a[1], #a, a[300])

-- Through a native and through an inlined callee.
local b = { 1, 2, 3 }
local function push(x, v) x[#x + 1] = v end
local c = 0
for i = 1, 300 do
  c = c + b[1] + b[#b]
  if i % 2 == 0 then table.insert(b, i) else push(b, -i) end
end
print(c, #b, b[#b])

-- The hash part: constant keys read and written while other keys are added, each
-- insertion possibly rehashing the table (moving every node).
local h = { a = 1, b = 2 }
local hs = 0
for i = 1, 600 do
  hs = hs + h.a + h.b
  h.a = h.a + 1
  if i % 29 == 0 then h["k" .. i] = i end
end
local keys = 0
for _ in pairs(h) do keys = keys + 1 end
print(hs, h.a, h.b, keys)

local g = { x = 0 }
for i = 1, 400 do
  g.x = g.x + 1
  g[i] = g.x
end
print(g.x, #g, g[400])
