--! what: nested numeric loops with calls (the spectral norm of an infinite matrix)
--! size: small=40 default=600
local n = tonumber(arg and arg[1]) or 600

-- Entry (i, j) of the matrix, 1-based: 1 / ((i+j-2)(i+j-1)/2 + i).
local function entry(i, j)
    local s = i + j - 2
    return 1.0 / (s * (s + 1) / 2 + i)
end

local function times(out, v)
    for i = 1, n do
        local acc = 0
        for j = 1, n do acc = acc + entry(i, j) * v[j] end
        out[i] = acc
    end
end

local function times_transposed(out, v)
    for i = 1, n do
        local acc = 0
        for j = 1, n do acc = acc + entry(j, i) * v[j] end
        out[i] = acc
    end
end

-- (A^T A) v through a scratch vector.
local function ata(out, v, scratch)
    times(scratch, v)
    times_transposed(out, scratch)
end

local u, v, scratch = {}, {}, {}
for i = 1, n do u[i] = 1 end
for _ = 1, 10 do
    ata(v, u, scratch)
    ata(u, v, scratch)
end
local vbv, vv = 0, 0
for i = 1, n do
    vbv = vbv + u[i] * v[i]
    vv = vv + v[i] * v[i]
end
print(string.format("%.9f", math.sqrt(vbv / vv)))
