-- A comparator that sorts a small table itself: natives running Lua inside natives
-- running Lua, each level with its own traced loops.
-- jv: [TRACE * 07_sort_in_sort.lua:7 loop]
-- jv: [TRACE * 07_sort_in_sort.lua:10 loop]
local function digits(n)
  local d = {}
  while n > 0 do d[#d + 1] = n % 10 n = (n - n % 10) / 10 end
  table.sort(d, function(a, b) return a > b end)
  local s = 0
  for i = 1, #d do s = s * 10 + d[i] end
  return s
end
local xs = {}
for i = 1, 40 do xs[i] = (i * 7919) % 1000 + 1 end
table.sort(xs, function(a, b)
  local da, db = digits(a), digits(b)
  if da ~= db then return da < db end
  return a < b
end)
print(xs[1], xs[20], xs[40])
