-- The callback runs a hot loop of its own only in the iteration the caller's loop is
-- recorded in (the 57th at the default threshold): that loop compiles (trace 1) while
-- the caller's recording is suspended, which then resumes and compiles (trace 2).
-- Later iterations run the caller's trace, whose call bails at each callback, and the
-- callback's loop runs as trace 1 when its iteration comes round again.
-- jv: [TRACE   1 24_hot_loop_in_callback.lua:17 loop]
-- jv: [TRACE   2 24_hot_loop_in_callback.lua:22 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
int32_t twin_cb_call_now(twin_cb_int cb, int32_t x);
]]
local cb = ffi.cast("twin_cb_int", function(x)
  local acc = x
  if x == 57 or x == 2 or x == 90 then
    for j = 1, 300 do acc = (acc + j * x) % 1000003 end
  end
  return acc
end)
local s = 0
for i = 1, 100 do
  s = s + H.twin_cb_call_now(cb, i)
end
print(s)
cb:free()
