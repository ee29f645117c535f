-- do ... end blocks scope locals.
local a = 1
do
  local a = 2
  do local a = 3 print(a) end
  print(a)
end
print(a)
