-- 64-bit and imaginary literals are cdata constants.
print(12LL, 12ULL, -1LL, 0x7fffffffffffffffLL, 0xffffffffffffffffULL, 0x8000000000000000ULL)
print(type(1LL), tostring(5ull), tostring(7ll), 1LL == 1LL, 0x10LL)
print(3i, 1.5i)
local function f() return 10LL end
print(f() + f(), f() == f())
