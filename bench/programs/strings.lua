--! what: string building, formatting, gsub with patterns and functions, find
--! size: small=20 default=10000
local rounds = tonumber(arg and arg[1]) or 10000

local words = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta" }

-- A polynomial hash over the bytes, kept below 2^31 so doubles stay exact.
local function digest(s, h)
    for i = 1, #s, 7 do h = (h * 131 + s:byte(i)) % 2147483629 end
    return h
end

local h, total = 7, 0
for r = 1, rounds do
    local parts = {}
    for i = 1, 40 do
        parts[i] = string.format("%s-%d:%03d", words[(r + i) % #words + 1], i, (r * i) % 997)
    end
    local line = table.concat(parts, ",")
    -- Swap each word with its number, upper-case vowels, drop zero padding.
    local swapped = line:gsub("(%a+)%-(%d+)", "%2=%1")
    local loud = swapped:gsub("[aeiou]", string.upper)
    local trimmed, zeros = loud:gsub(":0+(%d)", function(d) return ":" .. d end)
    local s = ""
    for i = 1, 30 do s = s .. (i % 10) end
    local hits = 0
    local from = 1
    while true do
        local a, b = trimmed:find("=%u?%l*", from)
        if not a then break end
        hits = hits + (b - a)
        from = b + 1
    end
    total = total + #trimmed + zeros + #s + hits
    h = digest(trimmed, h)
end
print(total, h)
