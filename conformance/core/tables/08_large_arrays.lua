-- Growing large arrays and hashes.
local t = {}
for i = 1, 10000 do t[i] = i end
local s = 0
for i = 1, #t do s = s + t[i] end
print(#t, s)
local h = {}
for i = 1, 5000 do h["k" .. i] = i end
local c = 0
for k, v in pairs(h) do c = c + v end
print(c)
