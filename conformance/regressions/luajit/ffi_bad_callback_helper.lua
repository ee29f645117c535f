-- twin regression: LuaJIT's "bad callback" gap, through twin-gen's FFI helper library.
-- engines: luajit-joff (oracle) vs luajit-stress (luajit -Ohotloop=1 -Ohotexit=1)
-- verdict: poisoned
-- signature: poisoned|known-gap|luajit-bad-callback
-- twin_cb_call_stored_from(x, threshold) calls the stored Lua callback only
-- once x reaches the threshold. The loop is compiled while x is below it,
-- so the FFI call is compiled as a plain C call; from x = 150 on, C calls
-- back into Lua from inside the trace. The interpreter runs the callback;
-- LuaJIT panics with "bad callback" (a known gap: poisoned, not a crash).
-- TWIN_FFI_HELPER is set by the harness (see oracle/src/engine.rs).
local ffi = require("ffi")
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
void twin_cb_store(twin_cb_int cb);
int32_t twin_cb_call_stored_from(int32_t x, int32_t threshold);
]]
local helper = ffi.load(TWIN_FFI_HELPER)
local seen = 0
local callback = ffi.cast("twin_cb_int", function(x)
  seen = seen + 1
  return x + 1000
end)
helper.twin_cb_store(callback)
local sum = 0
for i = 1, 200 do
  sum = sum + helper.twin_cb_call_stored_from(i, 150)
end
print(sum, seen)
