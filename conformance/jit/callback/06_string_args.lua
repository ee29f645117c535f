-- Strings pass as const char * to compiled calls; nil as NULL.
-- jv: [TRACE   1 06_string_args.lua:12 loop]
local ffi = require "ffi"
ffi.cdef [[
int atoi(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
]]
local C = ffi.C
local words = { "10", "-7", "42abc", "x", "  99" }
local s, c = 0, 0
for i = 1, 200 do
  local w = words[i % 5 + 1]
  s = s + C.atoi(w) * 3 + C.atoi(w .. "5")
  c = c + C.strcmp(w, "42") + C.strncmp(w, "-71", 2)
end
print(s, c)
