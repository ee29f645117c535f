-- table.sort without a comparator on tables with __lt: the native calls the metamethod
-- (a Lua function with a hot loop) for every comparison; its trace runs nested.
-- jv: [TRACE * 03_sort_lt_metamethod.lua:7 loop]
local K = {}
K.__lt = function(a, b)
  local sa, sb = 0, 0
  for i = 1, 8 do sa = sa + a.v % (i + 1) sb = sb + b.v % (i + 1) end
  if sa ~= sb then return sa < sb end
  return a.v < b.v
end
local xs = {}
for i = 1, 80 do xs[i] = setmetatable({v = (i * 37) % 101}, K) end
table.sort(xs)
local out = {}
for i = 1, 80, 8 do out[#out + 1] = xs[i].v end
print(table.concat(out, " "))
