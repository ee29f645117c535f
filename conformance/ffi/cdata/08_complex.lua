-- Complex numbers: construction from parts and tables, printing, tonumber.
local ffi = require "ffi"
print(ffi.new("complex", 1, 2), ffi.new("complex float", {3, 4}), tonumber(ffi.new("complex", 5, 6)), ffi.new("complex", 7), ffi.new("complex", -1.5, -0.25))
local s = ffi.new("struct { complex c; double d; }", {{1, 2}, 3})
print(s.c, s.d, ffi.new("complex[2]", {{1, 2}, {3, 4}})[1])
print(1i, 2.5i, tostring(ffi.new("complex float", 0.5, -2)))
