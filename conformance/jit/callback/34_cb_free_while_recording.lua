-- cb:free() from inside the callback in the iteration recorded at the default
-- threshold (after storing another callback in C), and between iterations of the
-- compiled loop (again after replacing it): the loop's C call keeps calling back
-- through whatever C holds.
-- jv: [TRACE   1 34_cb_free_while_recording.lua:25 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
void twin_cb_store(twin_cb_int cb);
int32_t twin_cb_call_stored(int32_t x);
]]
local a, b, c
a = ffi.cast("twin_cb_int", function(x)
  if x == 57 then
    H.twin_cb_store(b)
    a:free()
  end
  return x + 1
end)
b = ffi.cast("twin_cb_int", function(x) return x * 2 end)
c = ffi.cast("twin_cb_int", function(x) return -x end)
H.twin_cb_store(a)
local s = 0
for i = 1, 100 do
  if i == 80 then H.twin_cb_store(c) b:free() end
  s = s + H.twin_cb_call_stored(i)
end
print(s)
H.twin_cb_store(nil)
c:free()
