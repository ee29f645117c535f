--! what: allocation of many short-lived small tables (binary trees) and the GC
--! size: small=6 default=14
local maxdepth = tonumber(arg and arg[1]) or 14
local mindepth = 4
if maxdepth < mindepth + 2 then maxdepth = mindepth + 2 end

-- A node is { left, right }; a leaf has neither.
local function build(depth)
    if depth == 0 then return {} end
    return { build(depth - 1), build(depth - 1) }
end

local function count(node)
    local left = node[1]
    if not left then return 1 end
    return 1 + count(left) + count(node[2])
end

local out = {}
out[#out + 1] = count(build(maxdepth + 1))
local longlived = build(maxdepth)
for depth = mindepth, maxdepth, 2 do
    local iterations = 2 ^ (maxdepth - depth + mindepth)
    local total = 0
    for _ = 1, iterations do total = total + count(build(depth)) end
    out[#out + 1] = total
end
out[#out + 1] = count(longlived)
print(table.concat(out, " "))
