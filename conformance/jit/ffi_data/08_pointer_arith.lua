-- Pointer arithmetic: p + n, n + p, p - n (scaled by the element size) and p - q
-- (a plain number of elements).
local ffi = require("ffi")
ffi.cdef[[ typedef struct { double x, y; int16_t t; } pt_t; ]]
local arr = ffi.new("pt_t[20]")
local base = ffi.cast("pt_t *", arr)
local d, e = 0, 0
for i = 1, 250 do
  local p = base + (i % 19 + 1)
  local q = 3 + base
  local r = p - 1
  d = d + (p - base) + (r - q)
  p.x = i
  e = e + r.x
end
print(d, e, ffi.sizeof("pt_t"))
-- jv: [TRACE   1 08_pointer_arith.lua:8 loop]
