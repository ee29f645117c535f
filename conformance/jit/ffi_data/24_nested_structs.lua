-- Nested aggregates: a struct field of struct type gives a reference (s.inr.x), arrays
-- of structs (a[i].x), arrays inside structs (s.v[i]), pointers to structs (p.x).
local ffi = require("ffi")
ffi.cdef[[
typedef struct { int16_t x; double y; } in_t;
typedef struct { int32_t id; in_t inr; in_t many[4]; uint8_t v[8]; } out_t;
]]
local o = ffi.new("out_t[5]")
local p = ffi.cast("out_t *", o) + 2
local acc = 0
for i = 1, 300 do
  local k = i % 5
  o[k].id = i
  o[k].inr.x = i * 3
  o[k].inr.y = o[k].inr.x / 4
  o[k].many[i % 4].y = o[k].many[i % 4].y + 1
  o[k].v[i % 8] = i
  acc = acc + o[k].inr.y + p.id + p.many[1].y + o[k].v[(i + 1) % 8]
end
print(acc, o[2].inr.x, o[4].many[3].y, p.v[0])
-- jv: [TRACE   1 24_nested_structs.lua:11 loop]
