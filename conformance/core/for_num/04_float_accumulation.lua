-- Accumulated float error decides whether the last step is taken.
local n = 0
for i = 0, 1, 0.1 do n = n + 1 end
print(n)
local last
for i = 0, 0.3, 0.1 do last = i end
print(last)
local m = 0
for i = 1, 2, 1 / 3 do m = m + 1 end
print(m)
