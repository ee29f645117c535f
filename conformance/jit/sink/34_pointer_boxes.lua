-- Pointer results are boxes too: a pointer stepped through an array in a loop is
-- sunk; exits make the pointer they name, which still points at the right element.
local ffi = require("ffi")
local arr = ffi.new("int32_t[64]")
for i = 0, 63 do arr[i] = i * i end
local base = ffi.cast("int32_t*", arr)
local p = base
local s = 0
for i = 1, 63 do
  p = p + 1
  s = s + p[0]
  if i % 20 == 0 then print("exit", i, p[0], p - base, p == base + i, s) end
end
print(s, p - base, p[0], p[-1])
-- jv: [TRACE   1 34_pointer_boxes.lua:5 loop]
-- jv: [TRACE   2 34_pointer_boxes.lua:9 loop]
