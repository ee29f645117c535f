-- Callbacks of every scalar signature the FFI allows: more arguments than argument
-- registers (stack arguments on x86-64 and arm64), every integer width, bool, float and
-- double, 64-bit integers as cdata, pointers, pointers to structs read and written
-- through, pointer results, and results narrowed to the C result type.
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef struct { int32_t a; int32_t b; } twin_pair;
int64_t twin_cb_many_ints(int64_t (*cb)(int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, uint64_t, int32_t, int64_t, const void *, bool));
double twin_cb_many_fps(double (*cb)(float, double, float, double, float, double, float, double, float, double, float, double));
float twin_cb_mixed16(float (*cb)(int64_t, float, int64_t, float, int64_t, float, int64_t, float, int64_t, float, int64_t, float, int64_t, float, int64_t, float));
int32_t twin_cb_ret_i8(int8_t (*cb)(int32_t), int32_t x);
uint32_t twin_cb_ret_u16(uint16_t (*cb)(int32_t), int32_t x);
int32_t twin_cb_ret_bool(bool (*cb)(int32_t), int32_t x);
int64_t twin_cb_ret_i64(int64_t (*cb)(int64_t), int64_t x);
uint64_t twin_cb_ret_u64(uint64_t (*cb)(uint64_t), uint64_t x);
float twin_cb_ret_float(float (*cb)(float), float x);
int32_t twin_cb_pair_ptr(void (*cb)(twin_pair *, const twin_pair *), int32_t a, int32_t b);
int32_t twin_cb_pick(twin_pair *(*cb)(twin_pair *, twin_pair *, int32_t), int32_t which);
]]
local function show(...)
  local t = {}
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    t[i] = type(v) == "cdata" and ffi.istype("const void *", v) and ("ptr " .. tonumber(ffi.cast("uintptr_t", v)))
      or (type(v) .. " " .. tostring(v))
  end
  print(table.concat(t, ", "))
end
print(H.twin_cb_many_ints(function(...) show(...) return 41 end))
print(H.twin_cb_many_ints(function(a, b, c, d, e, f, g, h, i, j, k, l) return g + h end))
print(H.twin_cb_many_fps(function(...) show(...) return select(12, ...) end))
print(H.twin_cb_many_fps(function(...) local s = 0 for i = 1, 12 do local x = select(i, ...) if x < 1e100 and x > -1e100 then s = s + x end end return s end))
print(H.twin_cb_mixed16(function(...) show(...) return 0.75 end))
print(H.twin_cb_mixed16(function(...) return select(15, ...) end))
-- Results converted to the callback's C result type, then as C widens them.
print(H.twin_cb_ret_i8(function(x) return x end, 200), H.twin_cb_ret_i8(function(x) return x end, -129), H.twin_cb_ret_i8(function(x) return 1.9 end, 0))
print(H.twin_cb_ret_u16(function(x) return x end, -1), H.twin_cb_ret_u16(function(x) return x * 2 end, 40000))
print(H.twin_cb_ret_bool(function(x) return x > 0 end, 5), H.twin_cb_ret_bool(function(x) return x > 0 end, -5), H.twin_cb_ret_bool(function() return 0 end, 0))
print(H.twin_cb_ret_i64(function(x) return x * 3 end, 1234567890123LL), H.twin_cb_ret_i64(function(x) return 2^53 end, 0))
print(H.twin_cb_ret_u64(function(x) return x end, -1), H.twin_cb_ret_u64(function(x) return x / 2 end, 0xfffffffffffffffeULL))
print(H.twin_cb_ret_float(function(x) return x + 0.1 end, 1.5), H.twin_cb_ret_float(function(x) return 1e300 end, 0))
-- Pointers to structs: read one, write the other through the pointer.
print(H.twin_cb_pair_ptr(function(out, inp)
  print(ffi.typeof(out) == ffi.typeof("twin_pair *"), ffi.typeof(inp) == ffi.typeof("const twin_pair *"), inp.a, inp.b, out.a)
  out.a, out.b = inp.b, inp.a + inp.b
end, 7, 9))
print(pcall(H.twin_cb_pair_ptr, function(out, inp) inp.a = 1 end, 1, 2))
for which = 0, 3 do
  io.write(H.twin_cb_pick(function(x, y, w)
    if w == 1 then return x elseif w == 2 then return y elseif w == 3 then return ffi.cast("twin_pair *", x) + 1 end
    return nil
  end, which), " ")
end
print()
