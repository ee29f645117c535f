-- The callback runs a hot loop of its own, which is compiled and run while the caller's
-- trace is bailed.
-- jv: [TRACE   1 08_callback_hot_loop.lua:21 loop]
-- jv: [TRACE   2 08_callback_hot_loop.lua:14 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
void twin_cb_store(twin_cb_int cb);
int32_t twin_cb_call_stored(int32_t x);
]]
local function work(x)
  local acc = 0
  for j = 1, 300 do
    acc = (acc + j * x) % 1000003
  end
  return acc
end
local cb = ffi.cast("twin_cb_int", work)
local s = 0
for i = 1, 100 do
  if i == 70 then H.twin_cb_store(cb) end
  s = s + H.twin_cb_call_stored(i)
end
print(s)
H.twin_cb_store(nil)
