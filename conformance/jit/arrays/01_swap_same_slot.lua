-- A swap loop over float indices (fannkuch's reversal): each store reuses the
-- address its load of the same slot checked. The indices come from table
-- loads, so they are doubles on trace; a fraction, a negative, a huge index and
-- -0 turn up later and must leave the trace at the check, not address memory.
local function reverse(t, lo, hi)
    while lo < hi do
        t[lo], t[hi] = t[hi], t[lo]
        lo, hi = lo + 1, hi - 1
    end
end
local t = {}
for i = 1, 12 do t[i] = i end
local bounds = {}
for i = 1, 200 do bounds[i] = { 1, 1 + i % 12 } end
local sum = 0
for i = 1, 200 do
    local b = bounds[i]
    reverse(t, b[1], b[2])
    sum = sum + t[1] * 3 + t[12]
end
print(sum, table.concat(t, " "))

-- Odd indices: each pair of loads and stores takes the hash part or misses.
local function swap(t, a, b) t[a], t[b] = t[b], t[a] end
local odd = { 0.5, -1, 2 ^ 31, 2 ^ 32 + 1, -0, 4.25, -2 ^ 31 }
for round = 1, 3 do
    for i = 1, 60 do
        local u = { 10, 20, 30, 40 }
        local k = i % 4 + 1
        if i > 40 then k = odd[i % #odd + 1] end
        u[k] = k
        swap(u, 1, k)
        sum = sum + (type(u[1]) == "number" and u[1] or 0) + (u[k] or 0)
    end
end
print(sum)
