--! what: the hash part of tables: string and float keys, inserts, lookups, deletes, next
--! size: small=4 default=2500
local rounds = tonumber(arg and arg[1]) or 2500

local keys = {}
for i = 1, 2000 do keys[i] = "key" .. i end

local sum = 0
for round = 1, rounds do
    local t = {}
    for i = 1, #keys do t[keys[i]] = i + round end
    for i = 1, #keys do sum = sum + t[keys[i]] end
    -- Delete every third key, then count what is left by traversal (the
    -- count does not depend on the traversal order).
    for i = 3, #keys, 3 do t[keys[i]] = nil end
    local left = 0
    for _, v in pairs(t) do left = left + 1 end
    sum = sum + left
    local h = {}
    for i = 1, 1000 do h[i * 0.5 + round] = i end
    for i = 1, 1000 do sum = sum + h[i * 0.5 + round] end
    sum = sum % 1000000007
end
print(sum)
