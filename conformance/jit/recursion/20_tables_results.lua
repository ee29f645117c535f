-- Recursion that builds and returns tables level by level.
-- jv: [TRACE * 20_tables_results.lua:3 up-recursion]
local function nest(n)
  if n == 0 then return { depth = 0 } end
  local inner = nest(n - 1)
  return { depth = inner.depth + 1, inner = inner }
end
local t = nest(300)
local d, node = 0, t
while node.inner do d = d + 1 node = node.inner end
print(t.depth, d, node.depth)
local function flatten(tr, out)
  if type(tr) ~= "table" then out[#out + 1] = tr return out end
  for i = 1, #tr do flatten(tr[i], out) end
  return out
end
print(table.concat(flatten({ 1, { 2, { 3, { 4, { 5 } } } }, { { { 6 } } } }, {}), ","))
