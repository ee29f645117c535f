-- ffi.metatype with an __index table of methods: a method lookup on a struct (and
-- through a pointer to it) is a table lookup on trace; fields still come first.
local ffi = require("ffi")
ffi.cdef[[ typedef struct { double x, y; } vec_t; ]]
local methods = {}
function methods.len2(v) return v.x * v.x + v.y * v.y end
function methods.scale(v, k) v.x = v.x * k; v.y = v.y * k; return v end
local vec = ffi.metatype("vec_t", { __index = methods })
local v = vec(3, 4)
local p = ffi.cast("vec_t *", v)
local s = 0
for i = 1, 200 do
  s = s + v:len2() + p.x
  p:scale(1.001)
end
print(string.format("%.6f %.6f", s, v.x))
-- jv: [TRACE   1 21_metatype_methods.lua:12 loop]
