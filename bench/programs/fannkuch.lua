--! what: permutations and prefix reversals in a small array
--! size: small=6 default=9
local n = tonumber(arg and arg[1]) or 9

-- Visit every permutation of 1..n in the order of a counting (Heap-like)
-- rotation scheme; for each, count the prefix flips until 1 comes first.
local perm, work, count = {}, {}, {}
for i = 1, n do perm[i] = i end
local maxflips, checksum, index = 0, 0, 0
local r = n
while true do
    while r > 1 do
        count[r] = r
        r = r - 1
    end
    if perm[1] ~= 1 then
        for i = 1, n do work[i] = perm[i] end
        local flips = 0
        local first = work[1]
        while first ~= 1 do
            local lo, hi = 1, first
            while lo < hi do
                work[lo], work[hi] = work[hi], work[lo]
                lo, hi = lo + 1, hi - 1
            end
            flips = flips + 1
            first = work[1]
        end
        if flips > maxflips then maxflips = flips end
        if index % 2 == 0 then checksum = checksum + flips else checksum = checksum - flips end
    end
    -- Next permutation: rotate the first r+1 elements left until a counter
    -- does not wrap.
    while true do
        if r == n then
            print(checksum, maxflips)
            return
        end
        local head = perm[1]
        for i = 1, r do perm[i] = perm[i + 1] end
        perm[r + 1] = head
        count[r + 1] = count[r + 1] - 1
        if count[r + 1] > 0 then break end
        r = r + 1
    end
    index = index + 1
end
