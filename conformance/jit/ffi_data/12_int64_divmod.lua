-- 64-bit division and modulo truncate as in C; by zero and INT64_MIN / -1 give
-- LuaJIT's answers (no trap), on trace as in the interpreter.
local ffi = require("ffi")
local MIN = -0x7FFFFFFFFFFFFFFFLL - 1
local divs = { 7LL, -7LL, 0LL, -1LL, 3LL, 0LL, 1LL, -2LL }
local out = {}
local acc = 0LL
for i = 1, 160 do
  local d = divs[i % 8 + 1]
  local n = (i % 2 == 0) and MIN or ffi.new("int64_t", i * 1000003 - 50000000)
  acc = acc + n / d + n % d
  if i > 152 then out[#out + 1] = tostring(n / d) .. " " .. tostring(n % d) end
end
local u = 0ULL
for i = 1, 100 do u = u + (1234567ULL * i) / (i % 3) + (99ULL * i) % (i % 4) end
print(acc, u)
print(table.concat(out, "\n"))
-- jv: [TRACE   1 12_int64_divmod.lua:8 loop]
-- jv: [TRACE   3 12_int64_divmod.lua:15 loop]
