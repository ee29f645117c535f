-- Scalar cdata: construction, conversion back to Lua, truncation rules.
local ffi = require "ffi"
local function n(t, v) return tonumber(ffi.new(t, v)) end
print(n("int", 3.9), n("int", -3.9), n("int", 1e10), n("int", -1e10), n("int", 0/0))
print(n("uint32_t", -1), n("uint32_t", 1e10), n("uint8_t", 300), n("int8_t", 200), n("int16_t", 70000))
print(n("float", 0.1) == 0.1, n("float", 0.5), n("double", 0.1))
print(n("bool", 0), n("bool", 1), ffi.new("bool", true) == ffi.new("bool", 1))
print(tonumber(ffi.new("int64_t", 2^63)), ffi.new("int64_t", 2^63), ffi.new("uint64_t", -1), ffi.new("uint64_t", 2^64))
print(ffi.new("int64_t", 0/0), ffi.new("uint64_t", 1.9), ffi.new("int64_t", -1.9))
print(type(ffi.new("int")), tostring(ffi.new("int")):match("^cdata<int>: 0x") ~= nil)
print(pcall(ffi.new, "int", "x"))
print(pcall(ffi.new, "int *", 1))
print(pcall(ffi.new, "int", {}))
print(pcall(ffi.new, "void"))
print(tonumber(ffi.cast("int", 3.9)), tonumber(ffi.cast("uint8_t", 511)), tonumber(ffi.cast("int8_t", 255)))
print(ffi.cast("int64_t", 5), ffi.cast("uint64_t", -2), tonumber(ffi.cast("int", 7LL)))
print(tonumber(ffi.cast("double", 3LL)), tonumber(ffi.cast("float", 1/3)) == 1/3)
