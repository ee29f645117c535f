-- The callback runs the very loop whose recording it suspended (recursion through C):
-- that inner run gets hot and compiles the loop first, so the suspended recording is
-- aborted when the callback returns; the outer run then goes on in the trace.
-- jv: [TRACE   1 33_callback_runs_own_loop.lua:19 loop]
-- jv: [TRACE --- 33_callback_runs_own_loop.lua:19 -- NYI: its loop was compiled in a callback at 33_callback_runs_own_loop.lua:20]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
int32_t twin_cb_call_now(twin_cb_int cb, int32_t x);
]]
local run
local cb = ffi.cast("twin_cb_int", function(x)
  if x == 57 then return run(200, 0) % 1000 end
  return x
end)
function run(n, depth)
  local s = 0
  for i = 1, n do
    if depth == 1 then s = s + H.twin_cb_call_now(cb, i) else s = s + i end
  end
  return s
end
print(run(100, 1))
print(run(100, 1))
cb:free()
