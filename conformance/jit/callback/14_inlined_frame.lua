-- The C call is in a function inlined into the loop's trace: the bail rebuilds both
-- frames, which the checkpoint in the callback shows.
-- jv: [TRACE   1 14_inlined_frame.lua:22 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
void twin_cb_store(twin_cb_int cb);
int32_t twin_cb_call_stored(int32_t x);
]]
local cp = dofile("../fixtures/checkpoint.lua")
local cb = ffi.cast("twin_cb_int", function(x)
  if x % 10 == 0 then cp("cb " .. x) end
  return x + 1
end)
local function helper(k, bias)
  local doubled = k * 2
  local r = H.twin_cb_call_stored(k)
  return r + doubled + bias
end
local total = 0
for i = 1, 100 do
  if i == 80 then H.twin_cb_store(cb) end
  local v = helper(i, 7)
  total = total + v
end
print(total)
H.twin_cb_store(nil)
