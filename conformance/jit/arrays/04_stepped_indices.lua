-- Indices carried round a while loop in a variable and stepped by a constant
-- (`lo, hi = lo + 1, hi - 1`) become integers on trace. The loop is entered with
-- doubles that are not such integers (a fraction, -0, a negative, a huge one), and
-- the stepped index runs off either end of the array part; strings and tables
-- enter it too (a string compares, and `"1" + 1` is 2).
-- jv: [TRACE   1 04_stepped_indices.lua:9 loop]
local function rev(t, lo, hi)
    local n = 0
    while lo < hi do
        t[lo], t[hi] = t[hi], t[lo]
        lo, hi = lo + 1, hi - 1
        n = n + 1
    end
    return n, lo, hi
end
local t = {}
for i = 1, 16 do t[i] = i end
local log = {}
local starts = { 1, 2, 3, 1, 5, 1, 2, 1, 1, 1 }
for round = 1, 30 do
    for i = 1, #starts do
        local n, lo, hi = rev(t, starts[i], 17 - starts[i] - round % 3)
        log[#log + 1] = n + lo * 100 + hi * 10000
    end
end
print(table.concat(t, " "))
local s = 0
for i = 1, #log do s = s + log[i] end
print(#log, s)

-- Odd entries: fraction, -0, negative, past the end, huge.
local odd = { { 1.5, 6 }, { -0, 4 }, { -2, 3 }, { 12, 20 }, { 2 ^ 31 - 2, 2 ^ 31 + 1 },
    { 1, 16 }, { 0, 5 }, { "1", "3" }, { "10", "14" }, { {}, {} } }
for round = 1, 3 do
    for i = 1, #odd do
        local ok, n, lo, hi = pcall(rev, t, odd[i][1], odd[i][2])
        print(round, i, ok, n, lo, hi)
    end
end
local row = {}
for i = -3, 22 do row[#row + 1] = tostring(t[i]) end
print(table.concat(row, " "))
print(t[2 ^ 31 - 2], t[2 ^ 31 - 1], t[2 ^ 31], t[2 ^ 31 + 1], t[1.5], t[2.5], t[3.5])

-- A stepped index read as a double too (arithmetic, a string, a comparison).
local u = {}
for i = 1, 10 do u[i] = i * 1.5 end
local acc, j = 0, 1
while j <= 10 do
    acc = acc + u[j] * j + j / 4
    u[j] = j .. "" .. (j % 3)
    j = j + 1
end
print(acc, j, u[1], u[10])
