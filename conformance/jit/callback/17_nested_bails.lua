-- A bailed trace's callback runs a loop that is compiled too and whose own C call
-- calls back: a second activation bails while the first one is still bailed.
-- jv: [TRACE   1 17_nested_bails.lua:24 loop]
-- jv: [TRACE   2 17_nested_bails.lua:17 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
void twin_cb_store(twin_cb_int cb);
int32_t twin_cb_call_stored(int32_t x);
int32_t twin_cb_call_n(twin_cb_int cb, int32_t n, int32_t x);
]]
local leaf_calls = 0
local leaf = ffi.cast("twin_cb_int", function(x) leaf_calls = leaf_calls + 1 return 1 end)
local function middle(x)
  local acc = 0
  for j = 1, 120 do
    acc = acc + H.twin_cb_call_n(leaf, j > 100 and 1 or 0, j)
  end
  return acc + x
end
local cb = ffi.cast("twin_cb_int", middle)
local s = 0
for i = 1, 100 do
  if i == 90 then H.twin_cb_store(cb) end
  s = s + H.twin_cb_call_stored(i)
end
print(s, leaf_calls)
H.twin_cb_store(nil)
