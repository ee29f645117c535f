-- Removing and re-adding many integer and string keys.
local t = {}
for i = 1, 1000 do t[i] = i t["s" .. i] = i end
for i = 1, 1000, 2 do t[i] = nil t["s" .. i] = nil end
local n, sum = 0, 0
for k, v in pairs(t) do n = n + 1 sum = sum + v end
print(n, sum)
for i = 1, 1000, 2 do t[i] = -i end
local s2 = 0
for i = 1, 1000 do s2 = s2 + t[i] end
print(s2, #t)
