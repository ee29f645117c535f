-- The callback is installed from the start but C calls it only once its argument
-- reaches a threshold: the loop compiles before that and the later calls call back
-- from trace code.
-- jv: [TRACE   1 07_callback_from_threshold.lua:19 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
void twin_cb_store(twin_cb_int cb);
int32_t twin_cb_call_stored_from(int32_t x, int32_t threshold);
]]
local seen = {}
local cb = ffi.cast("twin_cb_int", function(x)
  seen[#seen + 1] = x
  return -x
end)
H.twin_cb_store(cb)
local s = 0
for i = 1, 100 do
  s = s + H.twin_cb_call_stored_from(i, 90)
end
print(s, #seen, table.concat(seen, ","))
H.twin_cb_store(nil)
