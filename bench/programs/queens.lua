--! what: backtracking with array reads and writes (counting n-queens solutions)
--! size: small=6 default=11
local n = tonumber(arg and arg[1]) or 11

-- Columns and both diagonals taken so far, as boolean arrays.
local cols, up, down = {}, {}, {}
for i = 1, 2 * n do cols[i], up[i], down[i] = false, false, false end

local function place(row)
    if row > n then return 1 end
    local found = 0
    for c = 1, n do
        local u, d = row + c, row - c + n
        if not cols[c] and not up[u] and not down[d] then
            cols[c], up[u], down[d] = true, true, true
            found = found + place(row + 1)
            cols[c], up[u], down[d] = false, false, false
        end
    end
    return found
end

-- Every board size up to n, a few times over, so small sizes also do work.
local out = {}
for size = 4, n do
    local saved = n
    n = size
    local total = 0
    for _ = 1, 3 do total = total + place(1) end
    out[#out + 1] = total
    n = saved
end
print(table.concat(out, " "))
