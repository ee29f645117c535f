-- Storing nil deletes entries; loads of deleted keys give nil (a type change: exit).
-- jv: [TRACE   2 04_nil_stores.lua:5 loop]
local t = {}
for i = 1, 400 do t[i] = i end
for i = 1, 400, 2 do t[i] = nil end
local n = 0
for i = 1, 400 do if t[i] then n = n + 1 end end
print(n, t[1], t[2], #t % 2)
