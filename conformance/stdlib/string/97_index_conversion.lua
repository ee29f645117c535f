-- LuaJIT converts index and count arguments to 32-bit integers by truncation; on x86-64 (the
-- reference) every value outside the int32 range, infinities and NaN included, becomes -2^31,
-- which string functions then treat like any other large negative index or count.
-- lua5.1 converts through a wider C integer type, so 2^53 stays beyond the end.
print(("abc"):sub(2^53))
print(("abc"):sub(-2^53, 2^53) == "")
print(("abc"):sub(1/0), ("abc"):sub(2, 1/0) == "")
print(("abc"):sub(0/0))
print(("abc"):find("b", 2^53))
print(string.rep("x", 2^31) == "")
print(string.rep("x", 2^32 + 3))
print(("abc"):sub(2^32 + 2))
print(("abcdef"):byte(2^32 + 1, 2^32 + 3))
