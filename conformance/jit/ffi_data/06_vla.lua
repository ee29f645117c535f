-- Variable-length arrays (int[?]) sized at run time, indexed on trace.
local ffi = require("ffi")
local n = 100
local v = ffi.new("int64_t[?]", n)
local w = ffi.new("float[?]", n)
for i = 0, n - 1 do
  v[i] = i * 1000000007
  w[i] = i / 4
end
local s, f = 0LL, 0
for i = 0, n - 1 do
  s = s + v[i]
  f = f + w[n - 1 - i]
end
print(s, f, ffi.sizeof(v), ffi.sizeof(w))
-- jv: [TRACE   1 06_vla.lua:6 loop]
-- jv: [TRACE   2 06_vla.lua:11 loop]
