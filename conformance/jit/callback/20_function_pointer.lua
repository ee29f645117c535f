-- A Lua function cast to a function pointer and called from Lua: the call goes into C
-- (the callback's stub) and straight back into Lua, from trace code.
-- jv: [TRACE   1 20_function_pointer.lua:6 interpreter]
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
