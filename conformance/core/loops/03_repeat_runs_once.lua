-- The body of repeat runs at least once.
local n = 0
repeat n = n + 1 until true
print(n)
