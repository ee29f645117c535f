-- twin regression: an exit right before a call whose arguments came from `...` lost the
-- ones above the frame when a collection ran at the exit.
-- engines: twin-interp (oracle) vs twin-jit (twin-lua)
-- verdict: divergent
-- signature: divergent|stdout|-|-
-- Found by the JIT campaign of session 4 (seed 20261123, program 294) as a `nil` in the
-- middle of twin_out's output: a side trace guarded `select(i, ...)`'s index as a
-- constant, and its exit for the other indexes resumed at the `CALLM` with `VARG`'s values
-- reaching above the frame. The exit set the stack top to the frame's top, and the
-- collection at the exit cleared everything above it. Now an exit's top covers the values
-- a multres instruction left (`Snapshot::top`). Reduced by hand: `setpause 0` with a heap
-- above the collector's 64 KiB floor makes every exit collect, so the original's
-- dependence on when the heap crossed its threshold is gone.
collectgarbage("setpause", 0)
local keep = {}
for i = 1, 5000 do keep[i] = "k" .. i end
local function out(...)
    local p, i = {}, 1
    while i <= select("#", ...) do
        p[i] = tostring((select(i, ...)))
        i = i + 1
    end
    return table.concat(p, " ")
end
local bad = 0
for k = 1, 40 do
    local s = out(k, "x", k * 2, "z", 5, 6, 7, 8, 9, 10)
    if s ~= k .. " x " .. k * 2 .. " z 5 6 7 8 9 10" then
        bad = bad + 1
        if bad <= 3 then print(s) end
    end
end
print("bad", bad, #keep)
