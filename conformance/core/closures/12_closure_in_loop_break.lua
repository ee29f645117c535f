-- Breaking out of a loop closes the upvalues of the iteration.
local f
for i = 1, 10 do
  local x = i * 2
  f = function() return x end
  if i == 4 then break end
end
print(f())
local g
local n = 0
while true do
  n = n + 1
  local y = n
  g = function() y = y + 1 return y end
  if n == 2 then break end
end
print(g(), g())
