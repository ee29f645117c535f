-- Pointer arithmetic, comparison, NULL, casts between pointer types.
local ffi = require "ffi"
local a = ffi.new("int[10]")
for i = 0, 9 do a[i] = i * i end
local p = ffi.cast("int *", a)
print(p[3], (p + 3)[0], (p + 5) - p, (p + 5 - 2)[0], (1 + p)[0])
local q = p + 4
print(q > p, q < p, q == p + 4, q ~= p, q >= p + 4, q <= p)
print(tostring(q - p), type(q - p))
local np = ffi.new("int *")
print(np == nil, p == nil, ffi.cast("void *", 0) == nil, ffi.new("char *") == nil)
local c = ffi.cast("uint8_t *", a)
print(c[4], c[8], c[12])
print(ffi.cast("intptr_t", p + 1) - ffi.cast("intptr_t", p))
print(tostring(ffi.typeof(p + 1)), tostring(ffi.typeof(c)))
local v = ffi.cast("const char *", "hello")
print(ffi.string(v), ffi.string(v + 1, 3), v[4])
print(pcall(function() return p + p end))
print(pcall(function() return p * 2 end))
