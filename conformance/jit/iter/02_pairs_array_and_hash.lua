-- pairs over a table with array and hash parts (after the loop that fills it, trace 1):
-- the key type changes from number to string where the traversal moves to the hash
-- part; an exit on that path gets a side trace.
-- jv: [TRACE   2 02_pairs_array_and_hash.lua:11 loop]
-- jv: [TRACE   3 (2/*) 02_pairs_array_and_hash.lua:* -> 2]
local t = {}
for i = 1, 100 do t[i] = i end
for i = 1, 30 do t["k" .. i] = i * 10 end
local n, sn, ss = 0, 0, 0
for r = 1, 6 do
  for k, v in pairs(t) do
    n = n + 1
    if type(k) == "number" then sn = sn + v else ss = ss + v end
  end
end
print(n, sn, ss)
