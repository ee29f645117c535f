-- goto jumps forward and backward (LuaJIT extension; lua5.1 has no goto).
local i = 1
::top::
if i <= 3 then
  print("iteration", i)
  i = i + 1
  goto top
end
goto done
print("skipped")
::done::
print("done")
