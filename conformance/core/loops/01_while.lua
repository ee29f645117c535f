-- while checks its condition before each iteration.
local i = 0
while i < 3 do i = i + 1 print(i) end
while false do print("never") end
local n = 0
while nil do n = 1 end
print(n)
