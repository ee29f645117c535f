-- A native whose results feed a table constructor (TSETM takes them all): LuaJIT does
-- not stitch there, the trace ends in the interpreter at the call instead.
-- jv: [TRACE   1 07_no_stitch_before_multres.lua:5 interpreter]
local n = 0
for i = 1, 200 do
  local t = { string.byte("hello", 1, i % 5 + 1) }
  n = n + #t + t[1]
end
print(n)
