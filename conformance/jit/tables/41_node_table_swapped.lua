-- The same field accesses on tables that hold the same keys at other nodes (made in
-- another order, or grown to another size), swapped in while the loop runs: the node
-- each trace was specialised to holds another key there, so the check fails and the
-- access leaves or goes to a side trace, with the frames restored at the exit.
-- jv: [TRACE * 41_node_table_swapped.lua:22 loop]
local cp = dofile("../fixtures/checkpoint.lua")

local function make(order, extra)
  local o = {}
  for _, k in ipairs(order) do o[k] = #k end
  for i = 1, extra do o["pad" .. i] = i end
  return o
end
local objs = {
  make({ "x", "y", "z", "vx", "vy" }, 0),
  make({ "vy", "vx", "z", "y", "x" }, 0),
  make({ "z", "x", "vy", "y", "vx" }, 9),
  make({ "x", "y", "z", "vx", "vy" }, 3),
}
local s = 0
local o = objs[1]
for i = 1, 400 do
  o.vx = o.vx + o.x * 0.5
  o.vy = o.vy - o.y
  o.z = o.z + o.vx - o.vy
  s = s + o.z
  if i % 100 == 0 then
    cp(i)
    o = objs[i / 100 + 1] or o
  end
end
print(s)
for i = 1, 4 do print(objs[i].x, objs[i].vx, objs[i].vy, objs[i].z) end
