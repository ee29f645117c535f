-- Exits in the middle of a loop whose slots hold values made on trace (64-bit
-- integers, pointers): the interpreter must find them boxed, with the same values.
local ffi = require("ffi")
local cp = dofile("../fixtures/checkpoint.lua")
local arr = ffi.new("int32_t[8]", 1, 2, 3, 4, 5, 6, 7, 8)
local p = ffi.cast("int32_t *", arr)
local x = 10LL
local q = p
for i = 1, 200 do
  x = x * 3 + i
  q = p + (i % 8)
  if i == 120 or i == 121 or i == 199 then
    cp(i)
    print(x, q - p, q[0], ffi.istype("int64_t", x), ffi.istype("int32_t *", q))
  end
end
print(x, q[0])
-- jv: [TRACE   1 25_exit_restores_cdata.lua:9 loop]
