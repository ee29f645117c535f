-- ffi.string, ffi.copy and ffi.fill as native calls on trace.
local ffi = require("ffi")
local buf = ffi.new("uint8_t[32]")
local out = {}
local total = 0
for i = 1, 200 do
  ffi.fill(buf, 32, 65 + i % 26)
  ffi.copy(buf + 4, "xyz", 3)
  ffi.copy(buf + 10, buf, 4)
  local s = ffi.string(buf, 12)
  total = total + #s + buf[11]
  if i % 50 == 0 then out[#out + 1] = s .. "|" .. ffi.string(buf + 4) :sub(1, 5) end
end
print(total)
print(table.concat(out, "\n"))
-- jv: [TRACE   1 23_string_copy_fill.lua:6 loop]
