-- ffi.new of small types in a hot loop (scalars, arrays with initialisers, structs):
-- each iteration makes fresh objects, as the interpreter does.
local ffi = require("ffi")
ffi.cdef[[ typedef struct { int x, y; } v2_t; ]]
local sum = 0
local keep
for i = 1, 200 do
  local a = ffi.new("int[3]", i, i + 1, i + 2)
  local v = ffi.new("v2_t", i, -i)
  local d = ffi.new("double", i / 2)
  sum = sum + a[0] + a[1] + a[2] + v.x * v.y + tonumber(d)
  if i == 100 then keep = v end
end
print(sum, keep.x, keep.y)
-- jv: [TRACE   1 20_ffi_new.lua:7 loop]
