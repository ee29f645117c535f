-- Metatype __len, __concat and __call on trace.
local ffi = require("ffi")
ffi.cdef[[ typedef struct { int32_t n; } lcc_t; ]]
local L = ffi.metatype("lcc_t", {
  __len = function(s) return s.n * 10 end,
  __concat = function(a, b)
    return (type(a) == "cdata" and "<" .. a.n .. ">" or a) .. (type(b) == "cdata" and "<" .. b.n .. ">" or b)
  end,
  __call = function(s, x, y) return s.n + x * (y or 1) end,
})
local s = L(3)
local acc, str = 0, ""
for i = 1, 200 do
  s.n = i % 11
  acc = acc + #s + s(i) + s(i, 2)
  str = "a" .. s .. "b"
end
print(acc, str)
-- jv: [TRACE   * 34_metatype_len_concat_call.lua:13 loop]
