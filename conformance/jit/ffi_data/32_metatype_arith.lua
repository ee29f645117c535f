-- Metatype arithmetic metamethods with the cdata on either side, and __unm: each
-- a Lua function called on trace through a continuation frame.
local ffi = require("ffi")
ffi.cdef[[ typedef struct { double v; } num_t; ]]
local function val(x) return type(x) == "number" and x or x.v end
local N = ffi.metatype("num_t", {
  __add = function(a, b) return val(a) + val(b) end,
  __sub = function(a, b) return val(a) - val(b) end,
  __mul = function(a, b) return val(a) * val(b) end,
  __div = function(a, b) return val(a) / val(b) end,
  __mod = function(a, b) return val(a) % val(b) end,
  __pow = function(a, b) return val(a) ^ 2 + val(b) end,
  __unm = function(a) return -2 * a.v end,
})
local x, y = N(3), N(4)
local acc = 0
for i = 1, 200 do
  x.v = i % 9 + 1
  acc = acc + (x + y) + (i - x) + (x * 2) + (y / x) + (i % y) + (x ^ y) + -x
end
print(acc)
-- jv: [TRACE   * 32_metatype_arith.lua:17 loop]
