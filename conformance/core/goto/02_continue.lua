-- LuaJIT extension: lua5.1 has no goto, so its output differs.
-- The continue idiom: a label at the end of the loop body.
for i = 1, 6 do
  if i % 2 == 0 then goto continue end
  print(i)
  ::continue::
end
local j = 0
while j < 5 do
  j = j + 1
  if j == 3 then goto next end
  print("w", j)
  ::next::
end
