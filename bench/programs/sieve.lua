--! what: the array part of tables: dense boolean reads and writes (a prime sieve)
--! size: small=1 default=40
local repeats = tonumber(arg and arg[1]) or 40

local function sieve(limit)
    local composite = {}
    for i = 1, limit do composite[i] = false end
    local count = 0
    for i = 2, limit do
        if not composite[i] then
            count = count + 1
            for j = i * i, limit, i do composite[j] = true end
        end
    end
    return count
end

local total = 0
for _ = 1, repeats do total = total + sieve(250000) end
print(total)
