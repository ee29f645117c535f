-- cb:set replaces the callback's function while the compiled caller keeps calling it.
-- jv: [TRACE   1 11_cb_set.lua:12 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
void twin_cb_store(twin_cb_int cb);
int32_t twin_cb_call_stored(int32_t x);
]]
local cb = ffi.cast("twin_cb_int", function(x) return x end)
local s = 0
for i = 1, 100 do
  if i == 75 then H.twin_cb_store(cb) end
  if i == 90 then cb:set(function(x) return -x * 3 end) end
  s = s + H.twin_cb_call_stored(i)
end
print(s)
H.twin_cb_store(nil)
