-- twin regression: LuaJIT's documented "bad callback" gap.
-- engines: luajit-joff (oracle) vs luajit-stress (luajit -Ohotloop=1 -Ohotexit=1)
-- verdict: poisoned
-- signature: poisoned|known-gap|luajit-bad-callback
-- libc's qsort calls the comparator only for two or more elements. The loop
-- is compiled while every call sorts one element (no callback), so the FFI
-- call is compiled; later calls sort four elements and the comparator runs
-- from inside the trace. The interpreter runs it; LuaJIT panics with
-- "bad callback" (a known gap, reported as poisoned, not as a crash).
local ffi = require("ffi")
ffi.cdef [[
void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *));
]]
local calls = 0
local compare = ffi.cast("int (*)(const void *, const void *)", function(a, b)
  calls = calls + 1
  local x, y = ffi.cast("const int *", a)[0], ffi.cast("const int *", b)[0]
  return x < y and -1 or (x > y and 1 or 0)
end)
local sizes = {}
for i = 1, 200 do sizes[i] = i < 150 and 1 or 4 end
local items = ffi.new("int[4]", 4, 3, 2, 1)
for i = 1, 200 do
  ffi.C.qsort(items, sizes[i], ffi.sizeof("int"), compare)
end
print(calls, items[0], items[3])
