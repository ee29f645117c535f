-- Nested loops: the outer loop grows the table (new string, fractional and integer keys,
-- so both parts resize) and an inner pairs loop counts it, writing its existing fields
-- during the traversal. The pairs loop meets a differently sized table every time.
-- jv: [TRACE * 11_pairs_tables_grow_outside.lua:13 loop]
local t = {}
local out = 0
for i = 1, 150 do
  t["s" .. i] = i
  t[i + 0.25] = 1
  if i % 3 == 0 then t[i] = i end
  if i % 10 == 0 then
    local n, s = 0, 0
    for k, v in pairs(t) do
      n = n + 1
      s = s + v
      if type(k) == "string" then t[k] = v + 1 end
    end
    out = out + n + s
  end
end
print(out, #t >= 0)
