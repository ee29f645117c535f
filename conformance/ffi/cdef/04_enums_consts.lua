-- Enum constants and constant expressions; ffi.C finds the constants.
local ffi = require "ffi"
ffi.cdef [[
enum E { A = 1, B, C = 10, D = C << 2 | 1, F = -3, G };
enum { K1 = sizeof(int) * 2, K2 = K1 > 7 ? 100 : 200, K3 = (1 + 2) * 3 % 5, K4 = ~0, K5 = 0x10 };
struct s1 { static const int K = 42; int x; };
static const int TOP = 7;
typedef int arr_t[K1];
]]
print(ffi.C.A, ffi.C.B, ffi.C.C, ffi.C.D, ffi.C.F, ffi.C.G)
print(ffi.C.K1, ffi.C.K2, ffi.C.K3, ffi.C.K4, ffi.C.K5, ffi.C.TOP)
print(ffi.sizeof("arr_t"), ffi.sizeof("enum E"), tostring(ffi.typeof("enum E")))
print(ffi.new("struct s1").K, ffi.sizeof("struct s1"))
local e = ffi.new("enum E", "C")
print(tonumber(e), ffi.new("enum E", 2) == ffi.new("enum E", "B"))
print(pcall(function() return ffi.C.NOPE end))
