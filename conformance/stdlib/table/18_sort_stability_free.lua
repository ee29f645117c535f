-- Sorting keys that tie under the comparator: only print the deterministic part (the keys).
local t = {}
for i = 1, 50 do t[i] = {k = i % 5, id = i} end
table.sort(t, function(a, b) return a.k < b.k end)
local ks = {}
for i = 1, #t do ks[i] = t[i].k end
print(table.concat(ks))
local ids = {}
for i = 1, #t do ids[t[i].id] = true end
local all = true
for i = 1, 50 do all = all and ids[i] end
print(all)
