-- Indexing with 64-bit integer cdata keys, and int32/uint8 cdata keys.
local ffi = require("ffi")
local a = ffi.new("int16_t[40]")
local k8 = ffi.new("uint8_t", 3)
local s = 0
for i = 1, 200 do
  local k = (i * 7LL) % 40
  a[k] = a[k] + i
  s = s + a[k] + a[k8] + a[ffi.new("int32_t", i % 40)]
end
print(s, a[0], a[3], a[39])
-- jv: [TRACE   1 26_cdata_index_keys.lua:6 loop]
