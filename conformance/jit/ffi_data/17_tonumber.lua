-- tonumber of cdata of several types on trace (64-bit values round to a double).
local ffi = require("ffi")
local i64 = ffi.new("int64_t", 0)
local u32 = ffi.new("uint32_t", 4000000000)
local f = ffi.new("float", 0.1)
local b = ffi.new("bool", true)
local s = 0
for i = 1, 200 do
  i64 = i64 + 0x10000000000001LL
  s = s + tonumber(i64) / 2^52 + tonumber(u32) / 1e9 + tonumber(f) + tonumber(b)
end
print(string.format("%.17g", s), tonumber(i64), tonumber(0x7FFFFFFFFFFFFFFFLL))
-- jv: [TRACE   1 17_tonumber.lua:8 loop]
