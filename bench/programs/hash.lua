-- Table hash traffic: string and number keys in the hash part, inserts and lookups.
local keys = {}
for i = 1, 2000 do keys[i] = "key" .. i end
local sum = 0
for round = 1, 400 do
    local t = {}
    for i = 1, #keys do t[keys[i]] = i + round end
    for i = 1, #keys do sum = sum + t[keys[i]] end
    local h = {}
    for i = 1, 2000 do h[i * 7919.5] = i end
    for i = 1, 2000 do sum = sum + h[i * 7919.5] end
end
print(sum)
