-- A 64-bit hash accumulated in a loop: each `h * 31ULL + i` is a new cdata box in the
-- interpreter; on trace the box is only read back by the next iteration and named by
-- exits, so it is sunk (its word is carried round the loop instead), and the final
-- value is made when the loop leaves.
local ffi = require("ffi")
local h = 0ULL
for i = 1, 1000 do
  h = h * 31ULL + i
end
print(h, ffi.istype("uint64_t", h))
local s = 7LL
for i = 1, 500 do
  s = s * 3LL - i
end
print(s, ffi.istype("int64_t", s))
-- jv: [TRACE   1 29_int64_accumulator.lua:7 loop]
-- jv: [TRACE   2 29_int64_accumulator.lua:12 loop]
