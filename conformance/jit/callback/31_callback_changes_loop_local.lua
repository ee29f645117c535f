-- The callback writes locals of the loop being recorded (open upvalues): a number stays
-- a number (the recording goes on), a type change in the recorded iteration ends the
-- recording, and the loop compiles a few rounds later. Results are the interpreter's.
-- jv: [TRACE --- 31_callback_changes_loop_local.lua:19 -- NYI: slot * on trace changed by a callback at 31_callback_changes_loop_local.lua:21]
-- jv: [TRACE   1 31_callback_changes_loop_local.lua:19 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
int32_t twin_cb_call_now(twin_cb_int cb, int32_t x);
]]
local function run(flip)
  local acc, tag = 0, 1
  local cb = ffi.cast("twin_cb_int", function(x)
    acc = acc + 1000
    if x == flip then tag = "flipped" elseif x == flip + 1 then tag = 1 end
    return x
  end)
  for i = 1, 100 do
    local before = type(tag) == "number" and tag or 7
    acc = acc + H.twin_cb_call_now(cb, i) + before + (type(tag) == "number" and tag or 7)
  end
  cb:free()
  return acc
end
print(run(57), run(2), run(40), run(1000))
