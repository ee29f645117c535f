-- A metatype __index function is called on trace behind a continuation frame for
-- keys that are no field; fields of the struct never reach it.
local ffi = require("ffi")
ffi.cdef[[ typedef struct { int32_t n; double w; } ixf_t; ]]
local calls = 0
local T = ffi.metatype("ixf_t", { __index = function(s, k)
  calls = calls + 1
  if k == "twice" then return s.n * 2 end
  return #k + s.w
end })
local s = T(5, 0.5)
local acc = 0
for i = 1, 200 do
  s.n = i
  acc = acc + s.twice + s.abc + s.n + s.w
end
print(acc, calls)
-- jv: [TRACE   * 30_metatype_index_fn.lua:13 loop]
