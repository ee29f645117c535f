-- Indexing through pointers: a pointer cdata made by ffi.cast and by decay of an
-- array, negative indices, and writes seen through another pointer.
local ffi = require("ffi")
local buf = ffi.new("int32_t[32]")
local p = ffi.cast("int32_t *", buf)
local q = p + 16
local s = 0
for i = 1, 300 do
  q[i % 16 - 8] = i
  s = s + p[(i + 3) % 32] + q[-(i % 16)]
end
print(s, buf[0], buf[15], buf[31])
-- jv: [TRACE   1 07_pointer_index.lua:8 loop]
