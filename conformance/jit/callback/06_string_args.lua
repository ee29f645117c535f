-- Strings pass as const char * to compiled calls.
-- jv: [TRACE   2 06_string_args.lua:14 loop]
local ffi = require "ffi"
ffi.cdef [[
int atoi(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
]]
local C = ffi.C
local words = { "10", "-7", "42abc", "x", "  99" }
-- Only the sign of a comparison is portable (glibc's magnitudes differ by arch).
local function sign(d) return d < 0 and -1 or d > 0 and 1 or 0 end
local s, c = 0, 0
for i = 1, 200 do
  local w = words[i % 5 + 1]
  s = s + C.atoi(w) * 3 + C.atoi(w .. "5")
  c = c + sign(C.strcmp(w, "42")) * 2 + sign(C.strncmp(w, "-71", 2))
end
print(s, c)
