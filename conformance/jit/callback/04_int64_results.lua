-- 64-bit integer results are boxed as cdata on trace, as the interpreter boxes them.
-- jv: [TRACE   1 04_int64_results.lua:11 loop]
-- jv: [TRACE   2 04_int64_results.lua:19 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
int64_t twin_add_int64(int64_t a, int64_t b);
uint64_t twin_mul_uint64(uint64_t a, uint64_t b);
]]
local a, b = {}, {}
for i = 1, 100 do
  a[i] = H.twin_add_int64(i, 2 ^ 40)
  b[i] = H.twin_mul_uint64(i, 0x100000001)
end
print(tostring(a[1]), tostring(a[100]), tostring(b[7]), tostring(b[100]))
print(type(a[50]), ffi.istype("int64_t", a[50]), ffi.istype("uint64_t", b[50]))
local big = 9007199254740993LL
local c = {}
for i = 1, 100 do c[i] = H.twin_add_int64(big, -i) end
print(tostring(c[1]), tostring(c[100]))
