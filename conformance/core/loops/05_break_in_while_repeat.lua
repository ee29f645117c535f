-- break in while and repeat, including from nested ifs.
local i = 0
while true do
  i = i + 1
  if i > 2 then if i == 3 then break end end
end
print(i)
local j = 0
repeat
  j = j + 1
  if j == 4 then break end
until false
print(j)
