-- A callback raises an error in the iteration its caller's loop is recorded in: the
-- recording ends (the CALL never completes) and the error reaches the pcall outside
-- the loop. The next round compiles the loop, and the same error from its trace
-- bails it and is caught the same way.
-- jv: [TRACE --- 25_error_while_recording.lua:20 -- error thrown or yield attempted in a callback at 25_error_while_recording.lua:21]
-- jv: [TRACE   1 25_error_while_recording.lua:20 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
int32_t twin_cb_call_now(twin_cb_int cb, int32_t x);
]]
local bad = 57
local cb = ffi.cast("twin_cb_int", function(x)
  if x == bad then error("callback failed at " .. x) end
  return x + 1
end)
local function run(n)
  local s = 0
  for i = 1, n do
    s = s + H.twin_cb_call_now(cb, i)
  end
  return s
end
for round = 1, 4 do
  local ok, e = pcall(run, 100)
  print(round, ok, e)
  if round == 1 then bad = 2 elseif round == 2 then bad = 90 else bad = -1 end
end
cb:free()
