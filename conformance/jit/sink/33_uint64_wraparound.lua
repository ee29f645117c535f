-- uint64 arithmetic wraps modulo 2^64 on trace as in the interpreter, with the boxes
-- sunk; exits in the middle see the wrapped values.
local x = 0xfffffffffffffff0ULL
local y = 5ULL
for i = 1, 200 do
  x = x + 3ULL
  y = y - 7ULL
  if i % 50 == 0 then print("exit", i, x, y, x < y) end
end
print(x, y, x * y, -x)
local m = 1ULL
for i = 1, 100 do m = m * 0x9E3779B97F4A7C15ULL + 1ULL end
print(m)
-- jv: [TRACE   1 33_uint64_wraparound.lua:5 loop]
-- jv: [TRACE   2 33_uint64_wraparound.lua:12 loop]
