-- Structs by value and 64-bit scalars across the C ABI, checked by checksums the C side
-- computes (the helper library fuzz/gen/c/twin_ffi_helper.c, path in TWIN_FFI_HELPER).
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef struct { int32_t a; int32_t b; } twin_pair;
typedef struct { double x; double y; } twin_vec2;
typedef struct { int8_t tag; int64_t wide; float f; } twin_mixed;
twin_pair twin_pair_make(int32_t a, int32_t b);
twin_pair twin_pair_swap(twin_pair p);
twin_vec2 twin_vec2_scale(twin_vec2 v, double k);
twin_mixed twin_mixed_make(int8_t tag, int64_t wide, float f);
uint64_t twin_checksum_pair(twin_pair p);
uint64_t twin_checksum_vec2(twin_vec2 v);
uint64_t twin_checksum_mixed(twin_mixed m);
int64_t twin_add_int64(int64_t a, int64_t b);
uint64_t twin_mul_uint64(uint64_t a, uint64_t b);
int32_t twin_widen_sum(int8_t a, uint8_t b, int16_t c, uint16_t d);
]]
local p = H.twin_pair_make(3, -4)
print(p.a, p.b, ffi.istype("twin_pair", p))
local q = H.twin_pair_swap(p)
print(q.a, q.b, H.twin_checksum_pair(q), H.twin_checksum_pair(ffi.new("twin_pair", 7, 8)))
local v = H.twin_vec2_scale(ffi.new("twin_vec2", 1.5, -2.25), 4)
print(v.x, v.y, H.twin_checksum_vec2(v), H.twin_checksum_vec2({0.1, 0.2}))
local m = H.twin_mixed_make(-7, 0x123456789abcdefLL, 2.5)
print(m.tag, m.wide, m.f, H.twin_checksum_mixed(m))
print(H.twin_checksum_mixed(ffi.new("twin_mixed", {tag = 1, wide = -1LL, f = 0.25})))
print(H.twin_add_int64(0x7fffffffffffffffLL, 1), H.twin_add_int64(-5, 3), H.twin_mul_uint64(0xffffffffULL, 0x100000001ULL))
print(H.twin_widen_sum(-1, 255, -300, 65535), H.twin_widen_sum(300, -1, 70000, -1))
for i = 1, 3 do
  local r = H.twin_pair_make(i, i * i)
  io.write(r.a + r.b, " ")
end
print()
