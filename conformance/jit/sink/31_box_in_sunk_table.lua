-- A box stored into a table that is itself sunk: the exit makes both, the box first,
-- then replays the store of it into the table.
local n = 0ULL
local last
for i = 1, 300 do
  n = n + 7ULL
  local p = { v = n * 2ULL, i = i }
  if i % 75 == 0 then
    print("exit", i, p.v, p.i, n, p.v == n * 2ULL)
    last = p
  end
end
print(n, last.v, last.i)
-- jv: [TRACE   1 31_box_in_sunk_table.lua:5 loop]
