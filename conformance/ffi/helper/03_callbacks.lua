-- Callbacks: Lua functions called from C (now, n times, stored, nested C -> Lua -> C -> Lua,
-- a comparator for a C sort), cb:set/cb:free, and errors raised inside callbacks.
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
typedef double (*twin_cb_double)(double);
typedef int32_t (*twin_cb_cmp)(const void *, const void *);
int32_t twin_cb_call_now(twin_cb_int cb, int32_t x);
int32_t twin_cb_call_n(twin_cb_int cb, int32_t n, int32_t x);
int32_t twin_cb_call_never(twin_cb_int cb, int32_t x);
double twin_cb_call_double(twin_cb_double cb, double x);
void twin_cb_store(twin_cb_int cb);
int32_t twin_cb_call_stored(int32_t x);
void twin_sort(void *base, size_t n, size_t size, twin_cb_cmp cmp);
int abs(int);
]]
local cb = ffi.cast("twin_cb_int", function(x) return x * 3 end)
print(H.twin_cb_call_now(cb, 14), H.twin_cb_call_n(cb, 4, 1), H.twin_cb_call_never(cb, 5))
print(H.twin_cb_call_double(function(x) return x / 4 end, 10))
local calls = 0
print(H.twin_cb_call_n(function(x) calls = calls + 1 return x end, 10, 1), calls)
-- Nested: C -> Lua -> C -> Lua.
local inner = ffi.cast("twin_cb_int", function(x) return -x end)
print(H.twin_cb_call_now(function(x) return H.twin_cb_call_now(inner, x) + ffi.C.abs(x - 100) end, 7))
-- Errors in a callback surface in the Lua caller.
local seen = 0
print(pcall(H.twin_cb_call_n, function(x) seen = seen + 1 if x == 3 then error("boom at " .. x) end return x end, 5, 1))
print(seen)
local ok, e = pcall(H.twin_cb_call_now, function(x) error({code = x}) end, 9)
print(ok, type(e), e.code)
-- Stored callbacks, set and free.
local st = ffi.cast("twin_cb_int", function(x) return x + 1000 end)
H.twin_cb_store(st)
print(H.twin_cb_call_stored(5))
st:set(function(x) return x - 1000 end)
print(H.twin_cb_call_stored(5))
H.twin_cb_store(nil)
st:free()
print(H.twin_cb_call_stored(5))
-- A comparator through a C sort.
local arr = ffi.new("int32_t[6]", {5, 3, 9, 1, 7, 2})
H.twin_sort(arr, 6, 4, function(a, b)
  local x, y = ffi.cast("const int32_t *", a)[0], ffi.cast("const int32_t *", b)[0]
  return x < y and -1 or (x > y and 1 or 0)
end)
print(arr[0], arr[1], arr[2], arr[3], arr[4], arr[5])
print(tostring(ffi.typeof(cb)))
print(H.twin_cb_call_now(function(x) return 2^40 end, 1), H.twin_cb_call_now(function(x) return true end, 1))
