-- The callback recurses deeply in the iterations recorded at the default and the
-- stress threshold and while the trace runs, so the Lua stack is reallocated under the
-- suspended recording and under the bailed trace; the loop's locals live on.
-- jv: [TRACE   2 30_stack_grows_in_callback.lua:22 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
int32_t twin_cb_call_now(twin_cb_int cb, int32_t x);
]]
local function deep(n, a, b, c, d)
  if n == 0 then return a + b + c + d end
  return deep(n - 1, a + 1, b, c, d) + 0
end
local cb = ffi.cast("twin_cb_int", function(x)
  if x == 2 or x == 57 or x == 80 then
    return deep(3000, x, 1, 2, 3) % 100000
  end
  return x
end)
local s, t, name = 0, {}, "k"
for i = 1, 100 do
  local before = s
  s = s + H.twin_cb_call_now(cb, i)
  t[i % 4 + 1] = s - before
  name = name .. (i % 10 == 0 and "." or "")
end
print(s, t[1], t[2], t[3], t[4], name)
cb:free()
