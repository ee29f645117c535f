-- The trace is made on a table with a big hash part, then tables with smaller ones
-- (fewer keys, or the same keys and fewer others) come through the same accesses: the
-- check of the part's size at the first access covers the later ones, so it is there
-- that the trace leaves, before any of the iteration's stores.
-- jv: [TRACE * 45_node_smaller_table.lua:19 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local function make(n)
  local o = { a = 1, b = 2 }
  for i = 1, n do o["p" .. i] = i end
  o.c, o.d = 3, 4
  return o
end
local big, mid, small = make(40), make(6), make(0)
local bare = { a = 10 }
local list = {}
for i = 1, 300 do list[i] = big end
list[120], list[121], list[200] = mid, small, bare
local s = 0
for i = 1, 300 do
  local o = list[i]
  local a = o.a
  o.a = a + 1
  if o.d then
    o.d = o.d + o.c
    s = s + o.d
  else
    cp(i)
  end
  s = s + a
end
print(s, big.a, big.d, mid.a, mid.d, small.a, small.d, bare.a, bare.d)
