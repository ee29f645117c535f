-- int64_t arithmetic: +, -, * wrap at 64 bits; numbers convert to int64_t; every
-- result is a new boxed cdata.
local ffi = require("ffi")
local x = 1LL
local y = ffi.new("int64_t", -5)
local z = 0LL
for i = 1, 200 do
  x = x * 6364136223846793005LL + 1442695040888963407LL
  y = y - i * 3
  z = z + (x - y) * 3
end
print(x, y, z, -x)
-- jv: [TRACE   1 10_int64_arith.lua:7 loop]
