-- pairs over a table whose metatable has __index and __newindex (no __pairs): the
-- traversal is raw, sees only the table's own entries, and assignments to existing
-- fields during it are plain stores; assignments to absent keys go to __newindex.
-- jv: [TRACE * 13_pairs_metatable.lua:12 loop]
local log = 0
local mt = { __index = function() return 1 end, __newindex = function(_, _, v) log = log + v end }
local t = setmetatable({}, mt)
for i = 1, 50 do rawset(t, "f" .. i, i); rawset(t, i * 0.5, i) end
local total = 0
for round = 1, 6 do
  local n, s = 0, 0
  for k, v in pairs(t) do
    n = n + 1
    s = s + v
    t[k] = v + 1
    if n % 10 == 0 then t["absent" .. n] = 1 end
  end
  total = total + n + s + t.missing
end
print(total, log)
