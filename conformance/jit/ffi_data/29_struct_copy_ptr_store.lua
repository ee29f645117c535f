-- Stores of cdata values into fields: 64-bit integers into narrower fields
-- (truncation), a pointer into a pointer field, an array decaying to a pointer.
local ffi = require("ffi")
ffi.cdef[[ typedef struct { int32_t n; uint8_t c; double d; int32_t *p; } st_t; ]]
local s = ffi.new("st_t")
local arr = ffi.new("int32_t[4]", 10, 20, 30, 40)
local ptr = ffi.cast("int32_t *", arr) + 1
local acc = 0
for i = 1, 200 do
  s.n = 0x100000000LL * i + i
  s.c = 1000LL + i
  s.d = i * 3LL
  s.p = (i % 2 == 0) and ptr or arr
  acc = acc + s.n + s.c + s.d + s.p[0]
end
print(acc, s.n, s.c, s.d, s.p[1])
-- jv: [TRACE   1 29_struct_copy_ptr_store.lua:9 loop]
