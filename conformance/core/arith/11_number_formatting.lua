-- LuaJIT formats numbers itself and rounds the exact tie 123456789012345 up (...235e+14);
-- lua5.1 uses printf, which rounds it to even (...234e+14). -0 * 0 stays -0 in LuaJIT.
-- Numbers print with up to 14 significant digits (%.14g).
print(100, -100, 1e14, 1e15, 1e16, 123456789012345)
print(0.1, 1/3, 2/3, 3.14159265358979)
print(1e-5, 1e-4, 0.0001234)
print(1e100, -1e-100, 2^-1074)
print(12345678901234567)
print(5e-324 * 0, -5e-324 * 0)
