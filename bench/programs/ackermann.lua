--! what: deep, non-tail recursion with small frames
--! size: small=4 default=8
local n = tonumber(arg and arg[1]) or 8

local function ack(m, k)
    if m == 0 then return k + 1 end
    if k == 0 then return ack(m - 1, 1) end
    return ack(m - 1, ack(m, k - 1))
end

-- ack(3, k) = 2^(k+3) - 3; a sweep of k keeps the recursion depth varied.
-- ack(2, k) costs about k^2 calls: its k grows as n^2 (100 at n = 8).
local sum = 0
local wide = math.floor(100 * (n / 8) ^ 2)
for rep = 1, 5 do
    for k = 1, n do sum = sum + ack(3, k) end
    sum = sum + ack(2, wide * rep)
end
print(sum)
