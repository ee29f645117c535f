-- A comparator's inner trace exits on a rare value; the checkpoint inside the
-- comparator lists the comparator's frame only (the sort is a native frame, where the
-- listing stops), with the values the interpreter has.
-- jv: [TRACE   1 06_sort_exit_checkpoint.lua:10 loop]
-- jv: [TRACE   2 (1/*) 06_sort_exit_checkpoint.lua:12 -> 1]
local cp = dofile("../fixtures/checkpoint.lua")
local shown = false
local function key(x)
  local k = 0
  for i = 1, 12 do
    k = k + (x * i) % 7
    if x == 13 and i == 12 and not shown then shown = true cp("key of 13") end
  end
  return k
end
local xs = {}
for i = 1, 50 do xs[i] = (i * 17) % 53 end
table.sort(xs, function(a, b)
  local ka, kb = key(a), key(b)
  if ka ~= kb then return ka < kb end
  return a < b
end)
print(xs[1], xs[25], xs[50])
