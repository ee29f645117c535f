-- The C call of a loop calls back on every iteration, from the first: the loop's
-- recording is suspended while the callback runs and resumes after the call, so the
-- loop compiles (LuaJIT aborts such recordings and never compiles the loop). libc's
-- qsort with a Lua comparator, and a helper that calls its callback once.
-- jv: [TRACE   3 23_every_iteration.lua:22 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
int32_t twin_cb_call_now(twin_cb_int cb, int32_t x);
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
]]
local calls = 0
local cb = ffi.cast("twin_cb_int", function(x) calls = calls + 1 return x * 3 - 1 end)
local cmps = 0
local cmp = ffi.cast("int (*)(const void *, const void *)", function(a, b)
  cmps = cmps + 1
  local x, y = ffi.cast("const int32_t *", a)[0], ffi.cast("const int32_t *", b)[0]
  return x < y and -1 or (x > y and 1 or 0)
end)
local s, arr = 0, ffi.new("int32_t[3]")
for i = 1, 120 do
  s = s + H.twin_cb_call_now(cb, i)
  arr[0], arr[1], arr[2] = (i * 7) % 11, (i * 5) % 13, i % 3
  ffi.C.qsort(arr, 3, 4, cmp)
  s = s + arr[0] * 100 + arr[1] * 10 + arr[2]
end
print(s, calls, cmps > 0)
cb:free()
cmp:free()
