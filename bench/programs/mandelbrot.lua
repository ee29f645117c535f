-- Numeric loops: floating-point arithmetic and comparisons in nested loops.
local size, iters = 400, 50
local inside = 0
for y = 0, size - 1 do
    local ci = 2.0 * y / size - 1.0
    for x = 0, size - 1 do
        local cr = 2.0 * x / size - 1.5
        local zr, zi, n = 0.0, 0.0, 0
        while n < iters and zr * zr + zi * zi <= 4.0 do
            zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
            n = n + 1
        end
        if n == iters then inside = inside + 1 end
    end
end
print(inside)
