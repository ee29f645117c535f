-- A root loop that allocates nothing, whose side trace allocates and links back to it:
-- the root's checks look at the budget only (nothing before them on the trace
-- allocates), so it is the side trace's closing check, after its allocation, that
-- must leave for the collector. Memory stays bounded and weak entries are collected.
-- Then a loop that allocates nothing, entered after another grew a table (growing
-- steps no collector), computes the same sum.
-- jv: [TRACE * 23_gc_after_side_trace_alloc.lua:13 loop]
-- jv: [TRACE * (1/*) 23_gc_after_side_trace_alloc.lua:14 -> 1]
collectgarbage()
local base = collectgarbage("count")
local weak = setmetatable({}, { __mode = "k" })
local maxkb, n = 0, 0
for i = 1, 300000 do
  if i % 4 == 0 then
    local t = { i, i + 1, i + 2, i + 3, i + 4, i + 5, i + 6, i + 7 }
    weak[t] = i
  end
  n = n + i
  if i % 5000 == 0 then
    local kb = collectgarbage("count") - base
    if kb > maxkb then maxkb = kb end
  end
end
local left = 0
for _ in pairs(weak) do left = left + 1 end
print("bounded", maxkb < 4000, "collected", left < 75000, n)

local big = {}
for i = 1, 20000 do big["k" .. i] = i end
local s = 0
for r = 1, 20 do
  for i = 1, 2000 do s = s + i * r end
end
print(s, big.k20000)
