-- ffi.new of a 64-bit integer type named by a constant string is a box made on trace
-- (as LuaJIT's CNEWI), so it sinks like an arithmetic result: with no initialiser, from
-- a number (fractions truncated; not a negative one into uint64_t, whose conversion
-- differs between x86-64 and arm64) and from another cdata (a negative int32_t
-- into uint64_t wraps); one kept in a table escapes and stays allocated.
local ffi = require("ffi")
local s = 0ULL
local kept = {}
for i = 1, 300 do
  local a = ffi.new("int64_t", i * 3 + 0.5)
  local b = ffi.new("uint64_t", i * 2^40 + 0.75)
  local c = ffi.new("int64_t")
  local d = ffi.new("int64_t", a)
  local e = ffi.new("uint64_t", ffi.new("int32_t", -i))
  s = s + a + b + c + d + e
  if i % 100 == 0 then
    print(i, a, b, c, d, e, s, ffi.istype("uint64_t", b), ffi.istype("int64_t", d))
    kept[#kept + 1] = ffi.new("int64_t", i)
  end
end
print(s, #kept, kept[1], kept[3], rawequal(kept[1], kept[2]))
-- jv: [TRACE   1 37_ffi_new_int64.lua:9 loop]
