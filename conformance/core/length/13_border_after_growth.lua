-- Filling a table from 1 upward after removing its end keeps # consistent.
local t = {}
for i = 1, 20 do t[i] = i end
for i = 20, 11, -1 do t[i] = nil end
print(#t)
for i = 11, 30 do t[i] = i end
print(#t)
