-- A C function takes the callback as an argument and calls it n times; n is 0 while
-- the loop compiles. The callback is a cdata, so the call passes a pointer.
-- jv: [TRACE   1 13_callback_n_times.lua:16 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
typedef double (*twin_cb_double)(double);
int32_t twin_cb_call_n(twin_cb_int cb, int32_t n, int32_t x);
double twin_cb_call_double(twin_cb_double cb, double x);
int32_t twin_cb_call_never(twin_cb_int cb, int32_t x);
]]
local calls = 0
local cb = ffi.cast("twin_cb_int", function(x) calls = calls + 1 return x * x end)
local s = 0
for i = 1, 100 do
  s = s + H.twin_cb_call_n(cb, i > 85 and 3 or 0, i) + H.twin_cb_call_never(cb, i)
end
print(s, calls)
local dcb = ffi.cast("twin_cb_double", function(x) return x / 8 end)
local d = 0
for i = 1, 100 do
  d = d + H.twin_cb_call_double(dcb, i)
end
print(d)
