-- Fixed arrays indexed with numbers: element loads and stores at base + i * size,
-- for several element types.
local ffi = require("ffi")
local a = ffi.new("int32_t[64]")
local b = ffi.new("uint16_t[64]")
local d = ffi.new("double[64]")
for i = 1, 400 do
  local j = i % 64
  a[j] = a[j] + i
  b[j] = b[j] + i * 7
  d[j] = d[(j + 1) % 64] + a[j] * 0.5
end
local s1, s2, s3 = 0, 0, 0
for i = 0, 63 do s1 = s1 + a[i]; s2 = s2 + b[i]; s3 = s3 + d[i] end
print(s1, s2, s3)
-- jv: [TRACE   1 05_array_index.lua:7 loop]
-- jv: [TRACE   2 05_array_index.lua:14 loop]
