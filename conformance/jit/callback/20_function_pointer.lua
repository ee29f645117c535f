-- A Lua function cast to a function pointer and called from Lua: the call goes into C
-- (the callback's stub) and straight back into Lua, from trace code. The loop compiles
-- although every call calls back (its recording is suspended for each callback).
-- jv: [TRACE   1 20_function_pointer.lua:13 loop]
-- jv: [TRACE   2 20_function_pointer.lua:8 return]
local ffi = require "ffi"
local cp = dofile("../fixtures/checkpoint.lua")
local fp = ffi.cast("int (*)(int, double)", function(a, b)
  if a == 150 then cp("via pointer") end
  return a + math.floor(b)
end)
local s = 0
for i = 1, 150 do
  s = s + fp(i, i / 2)
end
print(s)
fp:free()
