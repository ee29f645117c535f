-- Complex numbers as LuaJIT 2.1 has them: parts through .re/.im and [0]/[1] (read-only),
-- tostring with the imaginary part's own sign and `I` after a non-finite part, constant
-- folding of unary minus on an imaginary literal (only the imaginary sign flips), and
-- conversions to and from numbers and the other complex type. There is no complex
-- arithmetic: LuaJIT raises the usual errors.
local ffi = require "ffi"
local function c(a, b) return tostring(ffi.new("complex", a, b)) end
print(c(1, -0), c(-0, 0), c(0 / 0, 1 / 0), c(1, -1 / 0), c(1, 0 / 0), c(1, -(0 / 0)), c(-1 / 0, -1 / 0))
print(c(1e300, 1e-300), c(0.1, 2 ^ 53), tostring(ffi.new("complex float", 0.1, -0.1)))
print(-2i, 1 / (-2i).re, (-2i).im, -(-2i), -0i, 1 / (-0i).im, 2.5i, 0x10i)
local x = ffi.new("complex", 3, 4)
local f = ffi.new("complex float", 1.5, -2)
print(x.re, x.im, x[0], x[1], f.re, f.im, f[1], type(f.re))
print(pcall(function() x.re = 10 end))
print(pcall(function() x[0] = 7 end))
print(pcall(function() return x.foo end))
print(pcall(function() return #x end))
print(pcall(function() return x + 1 end))
print(pcall(function() return -x end))
print(pcall(function() return x < x end))
print(x == x, x == ffi.new("complex", 3, 4), x == 3, 1i == 1i)
local s = ffi.new("struct { complex a; complex float b; }", x, x)
print(s.a, s.b, s.a.im, pcall(function() s.a.re = 5 end))
s.a = 9
s.b = f
print(s.a, s.b)
print(tonumber(x), tonumber(f), tonumber(ffi.new("double", x)), ffi.new("int[1]", x)[0], ffi.new("int64_t", x))
print(ffi.new("float[1]", {x})[0], ffi.new("uint8_t[1]", x)[0], ffi.new("uint32_t[1]", ffi.new("complex", -1))[0])
print(ffi.new("complex", f), ffi.new("complex float", x), ffi.new("complex", 5LL), ffi.new("complex", ffi.new("float", 2.5)))
print(ffi.new("complex", 1i), ffi.new("complex", {re = 1, im = 2}), ffi.new("complex", {7}), ffi.new("complex[2]", 2i)[1])
print(pcall(ffi.new, "bool", x))
print(pcall(ffi.new, "complex", true))
print(pcall(ffi.new, "complex", nil))
print(pcall(ffi.new, "complex", "1"))
print(pcall(ffi.new, "complex", ffi.new("int *")))
print(ffi.istype("complex", 1i), ffi.istype("complex float", 1i), ffi.typeof(1i), ffi.sizeof(1i), ffi.alignof("complex float"))
