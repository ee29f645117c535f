-- Vararg calls: doubles and int64 values through the C varargs ABI, checked by the C side.
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
uint64_t twin_checksum_doubles(int32_t n, ...);
int64_t twin_sum_int64s(int32_t n, ...);
]]
print(H.twin_checksum_doubles(0))
print(H.twin_checksum_doubles(3, 1.5, -2, 1e300))
-- More varargs than registers: the rest go on the stack.
print(H.twin_checksum_doubles(12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12))
print(H.twin_checksum_doubles(2, ffi.new("float", 0.5), ffi.new("double", 0.25)))
print(H.twin_sum_int64s(3, 1LL, 2LL, 0x7fffffffffffffffLL))
print(H.twin_sum_int64s(9, 1LL, 2LL, 3LL, 4LL, 5LL, 6LL, 7LL, 8LL, 9LL))
