-- binary-trees: allocation in recursion (a table per node) and a recursive check that
-- walks the trees; collections happen between trace exits.
local function bottom_up(depth)
  if depth == 0 then return {} end
  depth = depth - 1
  return { bottom_up(depth), bottom_up(depth) }
end
local function check(tree)
  if tree[1] then return 1 + check(tree[1]) + check(tree[2]) end
  return 1
end
local maxdepth = 10
print("stretch", check(bottom_up(maxdepth + 1)))
local long = bottom_up(maxdepth)
for d = 4, maxdepth, 2 do
  local iters = 2 ^ (maxdepth - d + 4)
  local c = 0
  for i = 1, iters do c = c + check(bottom_up(d)) end
  print(iters, d, c)
end
print("long", check(long))
