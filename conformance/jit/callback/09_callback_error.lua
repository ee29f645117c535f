-- A callback raises an error while the caller's trace is in the C call: the error
-- surfaces from the C call in the (bailed) caller and is caught outside it.
-- jv: [TRACE   1 09_callback_error.lua:21 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
void twin_cb_store(twin_cb_int cb);
int32_t twin_cb_call_stored(int32_t x);
]]
local cp = dofile("../fixtures/checkpoint.lua")
local cb = ffi.cast("twin_cb_int", function(x)
  if x == 90 then
    cp("raising")
    error("callback failed at " .. x)
  end
  return x + 1
end)
local s = 0
local function run()
  for i = 1, 100 do
    if i == 85 then H.twin_cb_store(cb) end
    s = s + H.twin_cb_call_stored(i)
  end
end
print(pcall(run))
print(s)
local ok, e = pcall(run)
print(ok, e, s)
H.twin_cb_store(nil)
