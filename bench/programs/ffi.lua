--! what: FFI numeric arrays: double[?] and uint64_t arithmetic (a LuaJIT extension)
--! size: small=1000 default=2500000
--! needs: ffi
local ffi = require("ffi")
local n = tonumber(arg and arg[1]) or 2500000

-- A damped wave on a ring of doubles, and a 64-bit multiplicative hash of
-- the quantised amplitudes, offset to be positive (the wrap-around is part of
-- the arithmetic).
local size = 256
local u = ffi.new("double[?]", size)
local v = ffi.new("double[?]", size)
for i = 0, size - 1 do u[i] = math.sin(i * 0.1) end

local steps = math.floor(n / size) + 1
for _ = 1, steps do
    for i = 0, size - 1 do
        local l, r = u[(i - 1) % size], u[(i + 1) % size]
        v[i] = 0.99999 * (u[i] + 0.25 * (l + r - 2 * u[i]))
    end
    u, v = v, u
end

local h = ffi.new("uint64_t", 14695981039346656037ULL)
local q = ffi.new("uint32_t[?]", size)
for i = 0, size - 1 do
    q[i] = math.floor(u[i] * 1000000) + 2000000
    h = (h + q[i]) * 1099511628211ULL
end
print(string.format("%.9f", u[0] + u[size / 2]), tostring(h))
