-- Compiled C calls of libc with double, float and int signatures.
-- jv: [TRACE   1 02_libc_math.lua:15 loop]
local ffi = require "ffi"
ffi.cdef [[
int abs(int);
double sqrt(double);
double pow(double, double);
float sqrtf(float);
float fabsf(float);
double ldexp(double, int);
double fma(double, double, double);
]]
local C = ffi.C
local s1, s2, s3 = 0, 0, 0
for i = 1, 200 do
  s1 = s1 + C.abs(50 - i) + C.sqrt(i) + C.pow(1.01, i)
  s2 = s2 + C.sqrtf(i + 0.1) + C.fabsf(-i / 3)
  s3 = s3 + C.ldexp(i, i % 7) + C.fma(i, 0.5, -1)
end
print(s1, s2, s3)
