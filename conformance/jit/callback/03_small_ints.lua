-- Arguments of small integer types are narrowed by the C conversion (wrapping and
-- truncating as the interpreter does) and passed extended to the callee.
-- jv: [TRACE   1 03_small_ints.lua:11 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
int32_t twin_widen_sum(int8_t a, uint8_t b, int16_t c, uint16_t d);
]]
local s = 0
local t = {}
for i = 1, 300 do
  local r = H.twin_widen_sum(i * 37 - 5000, i * 91, i * 1234 - 100000, -i * 777)
  s = s + r
  if i % 50 == 0 then t[#t + 1] = r end
end
print(s, table.concat(t, " "))
print(H.twin_widen_sum(127.9, 255.5, -32768.7, 65535.2))
