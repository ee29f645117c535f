-- float and double fields: a float field rounds to single precision on store and
-- widens exactly on load.
local ffi = require("ffi")
ffi.cdef[[ typedef struct { float f; double d; float g[4]; } fl_t; ]]
local s = ffi.new("fl_t")
local acc = 0
for i = 1, 150 do
  s.f = i / 3
  s.d = i / 3
  s.g[i % 4] = s.g[i % 4] + 0.1
  acc = acc + (s.d - s.f) * 1e6 + s.g[(i + 1) % 4]
end
print(string.format("%.17g %.17g %.9g %.9g", acc, s.d, s.f, s.g[2]))
-- jv: [TRACE   1 02_float_fields.lua:7 loop]
