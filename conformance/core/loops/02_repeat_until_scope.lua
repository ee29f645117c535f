-- repeat ... until: the condition sees locals declared in the body (5.1 scoping).
local i = 0
repeat
  local done = i >= 2
  i = i + 1
until done
print(i)
repeat local x = "once" until x
print(x)
