-- LuaJIT extension: lua5.1 has no goto, so its output differs.
-- goto inside repeat loops and labels before until.
local n = 0
repeat
  n = n + 1
  if n == 2 then goto skip end
  print("body", n)
  ::skip::
until n >= 4
print("n", n)
