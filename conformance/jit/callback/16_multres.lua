-- A compiled C call whose result is passed on as multiple results (CALLM), both before
-- and after the callback appears.
-- jv: [TRACE   1 16_multres.lua:13 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
void twin_cb_store(twin_cb_int cb);
int32_t twin_cb_call_stored(int32_t x);
]]
local cb = ffi.cast("twin_cb_int", function(x) return x - 1000 end)
local t = {}
for i = 1, 100 do
  if i == 80 then H.twin_cb_store(cb) end
  t[i] = math.max(H.twin_cb_call_stored(i))
end
print(t[1], t[79], t[80], t[100])
local n = 0
for i = 1, 100 do
  n = n + select("#", H.twin_cb_call_stored(i))
end
print(n)
H.twin_cb_store(nil)
