-- Checkpoints inside a callback whose caller's loop is being recorded (iteration 57 at
-- the default threshold, 2 at the stress one), inside one from the compiled loop (80),
-- and in a Lua function the callback calls.
-- jv: [TRACE   1 32_checkpoints_in_callback.lua:24 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
int32_t twin_cb_call_now(twin_cb_int cb, int32_t x);
int32_t twin_cb_call_n(twin_cb_int cb, int32_t n, int32_t x);
]]
local cp = dofile("../fixtures/checkpoint.lua")
local function helper(x, y)
  local z = x * y
  if x == 57 or x == 2 or x == 80 then cp("helper " .. x) end
  return z
end
local cb = ffi.cast("twin_cb_int", function(x)
  local sq = helper(x, x)
  if x == 57 or x == 2 or x == 80 then cp("callback " .. x) end
  return sq % 1000
end)
local s = 0
for i = 1, 100 do
  local k = i * 2
  s = s + H.twin_cb_call_n(cb, 1, i) + k
end
print(s)
cb:free()
