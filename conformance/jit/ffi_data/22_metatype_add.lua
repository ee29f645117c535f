-- An __add function metamethod of a metatype is called by the interpreter's FFI
-- path; the trace must give the same sums (the recorder aborts on it or records it).
local ffi = require("ffi")
ffi.cdef[[ typedef struct { int n; } box_t; ]]
local box
box = ffi.metatype("box_t", { __add = function(a, b) return box(a.n + (type(b) == "number" and b or b.n)) end })
local x = box(0)
for i = 1, 150 do
  x = x + i
  x = x + box(1)
end
print(x.n)
