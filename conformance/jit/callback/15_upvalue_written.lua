-- The callback writes a local of the compiled loop's frame through an upvalue; after
-- each call the loop reads it again.
-- jv: [TRACE   1 15_upvalue_written.lua:19 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
void twin_cb_store(twin_cb_int cb);
int32_t twin_cb_call_stored(int32_t x);
]]
local count = 0
local last = -1
local cb = ffi.cast("twin_cb_int", function(x)
  count = count + 1
  last = x
  return 0
end)
local log = {}
for i = 1, 100 do
  if i == 80 then H.twin_cb_store(cb) end
  local r = H.twin_cb_call_stored(i)
  if i % 9 == 0 then log[#log + 1] = count .. ":" .. last .. ":" .. r end
end
print(table.concat(log, " "))
H.twin_cb_store(nil)
