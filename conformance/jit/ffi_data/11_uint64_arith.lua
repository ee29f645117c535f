-- uint64_t arithmetic, and int64_t mixed with uint64_t (the result is unsigned).
local ffi = require("ffi")
local u = 0xFFFFFFFFFFFFFFF0ULL
local v = 7ULL
local w = 0ULL
for i = 1, 200 do
  u = u + i
  v = v * 0x100000001ULL + 3LL
  w = w + (-1LL) + u
end
print(u, v, w, 5LL + 1ULL, u / 3, u % 1000)
-- jv: [TRACE   1 11_uint64_arith.lua:6 loop]
