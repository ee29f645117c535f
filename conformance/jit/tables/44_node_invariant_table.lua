-- A table the loop never replaces, its fields read and written every iteration: the
-- loop proper checks their nodes once, before it starts. Insertions on a cold path
-- (which leaves the loop proper) grow the table and move its keys, and deleting them
-- again lets the next growth shrink it; the trace entered again checks afresh.
-- jv: [TRACE * 44_node_invariant_table.lua:9 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local o = { count = 0, sum = 0, last = 0 }
local names = {}
for i = 1, 600 do
  o.count = o.count + 1
  o.sum = o.sum + i * o.count - o.last
  if i % 150 == 0 then
    for j = 1, 20 do
      names[#names + 1] = "f" .. i .. "_" .. j
      o[names[#names]] = j
    end
    cp(i)
  end
  if i == 400 then
    for _, k in ipairs(names) do o[k] = nil end
    o.extra = 1
  end
  o.last = i
end
local n = 0
for _ in pairs(o) do n = n + 1 end
print(o.count, o.sum, o.last, o.extra, n)
