-- LuaJIT extension: lua5.1 has no goto, so its output differs.
-- goto leaves nested loops at once.
for i = 1, 3 do
  for j = 1, 3 do
    if i * j == 4 then
      print("found", i, j)
      goto out
    end
  end
end
::out::
print("after")
