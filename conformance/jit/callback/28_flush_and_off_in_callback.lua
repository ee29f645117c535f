-- A callback flushes the traces in the iteration its caller's loop is recorded in (the
-- suspended recording is dropped with them; the loop compiles later), and in the last
-- loop turns the JIT off (the suspended recording is aborted; nothing compiles after).
-- jv: [TRACE flush]
-- jv: [TRACE   2 28_flush_and_off_in_callback.lua:20 loop]
-- jv: [TRACE --- 28_flush_and_off_in_callback.lua:26 -- JIT turned off in a callback at 28_flush_and_off_in_callback.lua:27]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
int32_t twin_cb_call_now(twin_cb_int cb, int32_t x);
]]
local flush_at, off_at = 57, -1
local cb = ffi.cast("twin_cb_int", function(x)
  if x == flush_at then jit.flush() end
  if x == off_at then jit.off() end
  return x % 7
end)
local s = 0
for i = 1, 200 do
  s = s + H.twin_cb_call_now(cb, i)
end
print(s)
flush_at, off_at = -1, 57
local t = 0
for i = 1, 100 do
  t = t + H.twin_cb_call_now(cb, i)
end
print(t)
cb:free()
