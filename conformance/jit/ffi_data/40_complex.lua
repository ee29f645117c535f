-- Complex numbers on trace: .re/.im and [0]/[1] loads of complex and complex float,
-- elements of complex arrays (boxed copies), stores of numbers and of complex
-- values into complex fields and elements. Parts themselves are read-only.
local ffi = require("ffi")
ffi.cdef[[ typedef struct { complex z; complex float w; } cs_t; ]]
local s = ffi.new("cs_t")
local a = ffi.new("complex[4]", {1, 2}, {3, 4}, {5, 6}, {7, 8})
local f = ffi.new("complex float[2]", {1.5, 2.5}, {-3, 4})
local acc = 0
for i = 1, 200 do
  s.z = i
  s.w = f[i % 2]
  a[i % 4] = a[(i + 1) % 4]
  local e = a[i % 4]
  acc = acc + s.z.re + s.z.im + s.w.re + s.w.im + e.re + e.im + a[0][0] + f[1][1] + f[0].im
end
print(acc, s.z, s.w, a[0], a[1], a[2], a[3])
print(pcall(function() a[1].re = 1 end))
-- jv: [TRACE   1 40_complex.lua:10 loop]
