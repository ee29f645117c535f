-- cb:set between iterations and from inside the callback itself: a loop whose C call
-- calls back on every iteration keeps the function the slot holds at each call. The
-- callback swaps itself in the iteration recorded at the default threshold (57), the
-- loop swaps it at 75 and 90 (a side exit then: cb:set is not compiled).
-- jv: [TRACE   1 27_cb_set_while_recording.lua:21 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
int32_t twin_cb_call_now(twin_cb_int cb, int32_t x);
]]
local cb
local function triple(x) return x * 3 end
local function negate(x) return -x end
local function first(x)
  if x == 57 or x == 2 then cb:set(triple) end
  return x
end
cb = ffi.cast("twin_cb_int", first)
local s = 0
for i = 1, 100 do
  if i == 75 then cb:set(negate) end
  if i == 90 then cb:set(first) end
  s = s + H.twin_cb_call_now(cb, i)
  if i % 10 == 0 then print(i, s) end
end
print(s)
cb:free()
