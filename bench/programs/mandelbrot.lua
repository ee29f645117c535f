--! what: floating-point loops with data-dependent exits (a Mandelbrot set bitmap)
--! size: small=32 default=1000
local size = tonumber(arg and arg[1]) or 1000
local limit = 50

-- Rows of 8 pixels packed into bytes, folded into a rolling checksum so the
-- output is one line however large the image.
local checksum, inside = 0, 0
for y = 0, size - 1 do
    local ci = 2.0 * y / size - 1.0
    local byte, bits = 0, 0
    for x = 0, size - 1 do
        local cr = 2.0 * x / size - 1.5
        local zr, zi, n = 0.0, 0.0, 0
        local zr2, zi2 = 0.0, 0.0
        while n < limit and zr2 + zi2 <= 4.0 do
            zi = 2.0 * zr * zi + ci
            zr = zr2 - zi2 + cr
            zr2, zi2 = zr * zr, zi * zi
            n = n + 1
        end
        byte = byte * 2
        if n == limit then
            byte = byte + 1
            inside = inside + 1
        end
        bits = bits + 1
        if bits == 8 or x == size - 1 then
            checksum = (checksum * 31 + byte) % 1000000007
            byte, bits = 0, 0
        end
    end
end
print(inside, checksum)
