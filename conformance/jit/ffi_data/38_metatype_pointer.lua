-- A pointer (and a reference through an array element) to a struct with a
-- metatype: the pointee's metatype applies to indexing, arithmetic and methods.
local ffi = require("ffi")
ffi.cdef[[ typedef struct { double x, y; } pt_t; ]]
local P = ffi.metatype("pt_t", {
  __index = { norm1 = function(p) return math.abs(p.x) + math.abs(p.y) end },
  __add = function(a, b) return a.x + b.x end,
  __len = function(p) return 2 end,
})
local arr = ffi.new("pt_t[4]")
local p = ffi.cast("pt_t *", arr)
local acc = 0
for i = 1, 200 do
  local q = p + (i % 4)
  q.x, q.y = i, -i / 2
  acc = acc + q:norm1() + (q + arr[0]) + #q + arr[i % 4]:norm1()
end
print(acc)
-- jv: [TRACE   * 38_metatype_pointer.lua:13 loop]
