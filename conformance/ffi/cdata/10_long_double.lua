-- long double as LuaJIT has it: sized and aligned like the C ABI (16 on x86-64 and
-- arm64 Linux), copied between long double objects, but never converted to or from a
-- Lua number, and never a callback parameter or result. `long double complex` is plain
-- `complex`.
local ffi = require "ffi"
print(ffi.sizeof("long double"), ffi.alignof("long double"), ffi.typeof("long double"), ffi.typeof("long double *"))
print(ffi.sizeof("struct { char c; long double d; }"), ffi.offsetof("struct { char c; long double d; }", "d"))
print(ffi.typeof("long double complex"), ffi.typeof("complex long double"), ffi.sizeof("long double _Complex"))
print(tostring(ffi.new("long double")):match("^cdata<long double>: ") ~= nil)
print(pcall(ffi.new, "long double", 1.5))
print(pcall(function() local x = ffi.new("long double", 1) return x end))
print(pcall(function() local x = ffi.new("long double[2]") return x[0] end))
print(pcall(function() local x = ffi.new("long double[2]") x[0] = 1 return x end))
print(pcall(function() return tonumber(ffi.new("long double")) end))
print(pcall(function() return ffi.new("long double") + 1 end))
print(pcall(function() return ffi.new("double", ffi.new("long double")) end))
print(pcall(function() local s = ffi.new("struct { long double x; }") return s.x end))
print(ffi.istype("long double", ffi.new("long double", ffi.new("long double"))))
print(pcall(ffi.cast, "long double", 1))
print(pcall(ffi.cast, "int (*)(long double)", function() end))
print(pcall(ffi.cast, "long double (*)(int)", function() end))
