-- bool fields load as Lua booleans (the trace guards which one: a flip leaves through
-- an exit); enum fields take numbers (read back with tonumber).
local ffi = require("ffi")
ffi.cdef[[
typedef enum { RED = 1, GREEN = 7, BLUE = -3 } color_t;
typedef struct { bool on; color_t c; bool flags[3]; } be_t;
]]
local s = ffi.new("be_t")
local n, m, e = 0, 0, 0
for i = 1, 300 do
  s.on = i > 150
  if s.on then n = n + 1 else m = m + 1 end
  s.c = (i % 2 == 0) and 7 or -3
  e = e + tonumber(s.c)
  s.flags[i % 3] = i % 5 == 0
  if s.flags[0] then e = e + 100 end
end
print(n, m, e, s.on, tonumber(s.c), s.flags[0], s.flags[1], s.flags[2])
-- jv: [TRACE   1 03_bool_enum_fields.lua:10 loop]
