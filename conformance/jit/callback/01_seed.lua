-- The seed scenario: a C function calls a Lua callback only once a setup function has
-- installed it. The loop is compiled while none is installed; at iteration 80 of 100 the
-- callback is installed, and from then on every compiled call of the C function calls
-- back into Lua from trace code (LuaJIT: "bad callback"; here: a deep bail). The
-- checkpoint inside the callback shows the interpreter's frames rebuilt from the trace.
-- jv: [TRACE   1 01_seed.lua:24 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
void twin_cb_store(twin_cb_int cb);
int32_t twin_cb_call_stored(int32_t x);
]]
local cp = dofile("../fixtures/checkpoint.lua")
local calls = 0
local function on_call(x)
  calls = calls + 1
  if x % 5 == 0 then cp("callback " .. x) end
  return x * 10 + calls
end
local cb = ffi.cast("twin_cb_int", on_call)
local function run()
  local sum = 0
  for i = 1, 100 do
    if i == 80 then H.twin_cb_store(cb) end
    local r = H.twin_cb_call_stored(i)
    sum = sum + r
  end
  return sum
end
print(run(), calls)
H.twin_cb_store(nil)
cb:free()
