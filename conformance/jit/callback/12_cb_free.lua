-- A callback is installed, then withdrawn and freed with cb:free; the compiled caller
-- goes on with the pure C path, then a new callback takes over.
-- jv: [TRACE   1 12_cb_free.lua:14 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
void twin_cb_store(twin_cb_int cb);
int32_t twin_cb_call_stored(int32_t x);
]]
local n = 0
local cb = ffi.cast("twin_cb_int", function(x) n = n + 1 return x + 100 end)
local s = 0
for i = 1, 150 do
  if i == 70 then H.twin_cb_store(cb) end
  if i == 80 then
    H.twin_cb_store(nil)
    cb:free()
  end
  if i == 130 then
    cb = ffi.cast("twin_cb_int", function(x) n = n + 10 return 1 end)
    H.twin_cb_store(cb)
  end
  s = s + H.twin_cb_call_stored(i)
end
print(s, n)
H.twin_cb_store(nil)
