-- Array loads and stores at float indices around the conversion's edges: the
-- integers near 2^31 and 2^32 (whose low 32 bits name a small slot), fractions
-- just off an integer, -0, infinities and NaN (a load; a store raises).
local t = {}
for i = 1, 10 do t[i] = i * 10 end
t[2 ^ 31] = "a"; t[2 ^ 32] = "b"; t[2 ^ 32 + 3] = "c"; t[-(2 ^ 32) + 3] = "d"
t[2 ^ 52 + 2] = "e"; t[-3] = "f"; t[0] = "g"; t[3.5] = "h"
local keys = { 1, 3, 2 ^ 31, 2 ^ 32, 2 ^ 32 + 3, -(2 ^ 32) + 3, 2 ^ 52 + 2, -3, 0, -0,
    3.5, 3 + 2 ^ -40, 1 / 0, -1 / 0, 0 / 0, 2 ^ 31 - 1, -(2 ^ 31), 10, 11 }
local out = {}
for round = 1, 4 do
    for i = 1, #keys do
        local k = keys[i]
        local v = t[k]
        out[#out + 1] = tostring(v)
    end
end
print(table.concat(out, " ", 1, #keys))
print(#out)
local n = 0
for round = 1, 3 do
    for i = 1, #keys do
        local k = keys[i]
        if k == k then
            t[k] = (type(t[k]) == "number" and t[k] or 0) + 1
            n = n + t[k]
        else
            print(pcall(function() t[k] = 1 end))
        end
    end
end
print(n, t[1], t[3], t[0], t[2 ^ 32 + 3], t[3.5])
