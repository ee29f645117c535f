-- C -> Lua -> C -> Lua: the callback of a compiled call makes C calls whose callbacks
-- run too.
-- jv: [TRACE   1 10_nested.lua:22 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
void twin_cb_store(twin_cb_int cb);
int32_t twin_cb_call_stored(int32_t x);
int32_t twin_cb_call_now(twin_cb_int cb, int32_t x);
int32_t twin_cb_call_n(twin_cb_int cb, int32_t n, int32_t x);
]]
local cp = dofile("../fixtures/checkpoint.lua")
local inner = ffi.cast("twin_cb_int", function(x)
  if x == 95 then cp("inner") end
  return x * 2
end)
local outer = ffi.cast("twin_cb_int", function(x)
  return H.twin_cb_call_now(inner, x) + H.twin_cb_call_n(inner, 3, x)
end)
local s = 0
for i = 1, 100 do
  if i == 80 then H.twin_cb_store(outer) end
  s = s + H.twin_cb_call_stored(i)
end
print(s)
H.twin_cb_store(nil)
