-- ffi.cast between integer widths and signedness, and to double and float, on trace.
local ffi = require("ffi")
local s = 0
local last
for i = 1, 200 do
  local v = i * 97 - 9000
  local a = ffi.cast("uint8_t", v)
  local b = ffi.cast("int8_t", v)
  local c = ffi.cast("uint16_t", v * 31)
  local d = ffi.cast("int64_t", v)
  local e = ffi.cast("uint32_t", v)
  local f = ffi.cast("float", v / 7)
  s = s + tonumber(a) + tonumber(b) + tonumber(c) + tonumber(d) + tonumber(e) / 1e6 + tonumber(f)
  last = ffi.cast("int16_t", d * 1000)
end
print(string.format("%.10f", s), tonumber(last), ffi.cast("uint64_t", -1LL), tonumber(ffi.cast("int32_t", 0xFFFFFFFFULL)))
-- jv: [TRACE   1 18_cast_scalars.lua:5 loop]
