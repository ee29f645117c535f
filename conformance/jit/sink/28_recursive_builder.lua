-- Regression: tables made in recursive traces whose back edge (RLOOP) writes the frames'
-- slots itself must stay allocated; sinking them left a stale number in the slot a
-- later TSETM read ("attempt to index a number value").
local function build(depth)
  if depth == 0 then return {} end
  depth = depth - 1
  return { build(depth), build(depth) }
end
local function count(tree)
  if tree[1] then return 1 + count(tree[1]) + count(tree[2]) end
  return 1
end
for d = 1, 4 do
  local n = 0
  for i = 1, 300 do n = n + count(build(d)) end
  print(d, n)
end
