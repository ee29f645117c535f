-- ffi.errno() after compiled calls gives the errno the last C call left, saved right
-- after it.
-- jv: [TRACE   1 05_errno.lua:14 loop]
-- jv: [TRACE   2 05_errno.lua:21 loop]
-- jv: [TRACE   3 05_errno.lua:25 loop]
local ffi = require "ffi"
ffi.cdef [[
int close(int fd);
long strtol(const char *s, char **end, int base);
int abs(int);
]]
local C = ffi.C
local fails = 0
for i = 1, 100 do
  if C.close(-1 - i) == -1 then fails = fails + 1 end
  fails = fails + C.abs(0)
end
print(fails, ffi.errno())
ffi.errno(0)
local n = 0
for i = 1, 100 do
  n = n + C.abs(-i)
end
print(n, ffi.errno())
for i = 1, 100 do
  C.strtol("123456789012345678901234567890", nil, 10)
end
print(ffi.errno())
