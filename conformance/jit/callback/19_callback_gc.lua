-- Callbacks that allocate enough to collect garbage while the caller's trace is bailed;
-- the trace's values on the stack survive.
-- jv: [TRACE   1 19_callback_gc.lua:21 loop]
-- jv: [TRACE   2 19_callback_gc.lua:15 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
void twin_cb_store(twin_cb_int cb);
int32_t twin_cb_call_stored(int32_t x);
]]
local keep = {}
local cb = ffi.cast("twin_cb_int", function(x)
  local junk = {}
  for j = 1, 200 do junk[j] = { j, tostring(j) } end
  keep[#keep + 1] = junk[x % 200 + 1][2]
  return #junk
end)
local names = {}
local total = 0
for i = 1, 100 do
  local name = "n" .. i
  if i == 80 then H.twin_cb_store(cb) end
  total = total + H.twin_cb_call_stored(i)
  names[#names + 1] = name
end
collectgarbage()
print(total, #names, names[100], #keep, keep[1], keep[#keep])
H.twin_cb_store(nil)
