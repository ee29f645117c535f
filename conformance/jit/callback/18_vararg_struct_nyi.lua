-- Calls the trace compiler leaves to the interpreter (varargs, structs by value) give
-- the interpreter's answers: each loop's trace stitches at the call, the interpreter
-- makes it through its generic path, and the stitched trace links back to the loop.
-- jv: [TRACE * 18_vararg_struct_nyi.lua:16 stitch C function]
-- jv: [TRACE * (*/stitch) 18_vararg_struct_nyi.lua:17 -> *]
-- jv: [TRACE * 18_vararg_struct_nyi.lua:22 stitch C function]
-- jv: [TRACE * (*/stitch) 18_vararg_struct_nyi.lua:23 -> *]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef struct { int32_t a, b; } twin_pair;
twin_pair twin_pair_make(int32_t a, int32_t b);
int64_t twin_sum_int64s(int32_t n, ...);
]]
local s = 0
for i = 1, 100 do
  local p = H.twin_pair_make(i, -i)
  s = s + p.a * 2 + p.b
end
print(s)
local t = {}
for i = 1, 100 do
  t[i] = H.twin_sum_int64s(3, ffi.new("int64_t", i), ffi.new("int64_t", 2), ffi.new("int64_t", -1))
end
print(tostring(t[1]), tostring(t[100]))
