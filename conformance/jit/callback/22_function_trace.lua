-- A function trace whose C call calls back (its caller loop does not trace), and the
-- same function called from a coroutine.
-- jv: [TRACE   1 22_function_trace.lua:13 *]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
void twin_cb_store(twin_cb_int cb);
int32_t twin_cb_call_stored(int32_t x);
]]
local cp = dofile("../fixtures/checkpoint.lua")
local cb = ffi.cast("twin_cb_int", function(x) if x % 25 == 0 then cp("in " .. x) end return x - 1 end)
local function f(x, y)
  local z = x * 2
  return H.twin_cb_call_stored(x) + z + y
end
local out = {}
for i = 1, 200 do
  local keep_loop_untraced = function() end -- closures are NYI on trace
  if i == 150 then H.twin_cb_store(cb) end
  out[#out + 1] = string.format("%d", f(i, 3))
end
print(table.concat(out, ",", 140, 160))
local co = coroutine.wrap(function()
  local s = 0
  for i = 1, 100 do s = s + f(i, 1) end
  coroutine.yield(s)
end)
print(co())
