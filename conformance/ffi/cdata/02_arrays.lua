-- Arrays: initialisers, indexing, VLAs, multi-dimensional arrays, errors.
local ffi = require "ffi"
local a = ffi.new("int[5]", {1, 2, 3})
print(a[0], a[1], a[2], a[3], a[4])
local b = ffi.new("int[3]", 7, 8, 9)
print(b[0], b[1], b[2])
local c = ffi.new("double[3]", {[0] = 1.5, 2.5, 3.5})
print(c[0], c[1], c[2])
a[4] = 44; a[0] = a[4] + 1
print(a[0], a[4])
local v = ffi.new("int[?]", 4, {9, 8, 7, 6})
print(ffi.sizeof(v), v[0], v[3])
local m = ffi.new("int[2][3]")
for i = 0, 1 do for j = 0, 2 do m[i][j] = i * 10 + j end end
print(m[0][0], m[0][2], m[1][0], m[1][2], ffi.sizeof(m))
local s = ffi.new("char[8]", "hello")
print(ffi.string(s), ffi.string(s, 3), s[5], ffi.sizeof(s))
print(pcall(ffi.new, "int[2]", {1, 2, 3}))
print(pcall(function() return #a end))
print(pcall(function() return a.x end))
print(pcall(ffi.new, "int[?]"))
print(ffi.sizeof("int[?]", 10), pcall(ffi.sizeof, "int[?]"))
local bo = ffi.new("bool[3]", {true, false, 1})
print(bo[0], bo[1], bo[2])
