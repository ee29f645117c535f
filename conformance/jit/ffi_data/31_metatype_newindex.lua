-- Metatype __newindex, as a function and as a table, for keys that are no field;
-- stores to fields stay C stores.
local ffi = require("ffi")
ffi.cdef[[ typedef struct { int32_t a; } nif_t; typedef struct { int32_t b; } nit_t; ]]
local log = {}
local F = ffi.metatype("nif_t", { __newindex = function(s, k, v) log[k] = (log[k] or 0) + v + s.a end })
local shadow = {}
local G = ffi.metatype("nit_t", { __newindex = shadow })
local f, g = F(1), G(2)
for i = 1, 200 do
  f.a = i % 7
  f.extra = i
  g.b = i
  g.side = i * 2
  g[i % 5] = i
end
print(f.a, log.extra, g.b, shadow.side, shadow[0], shadow[1], shadow[4])
-- jv: [TRACE   1 31_metatype_newindex.lua:10 loop]
