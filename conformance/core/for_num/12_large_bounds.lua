-- Bounds near 2^53 and infinities.
local n = 0
for i = 2^53 - 3, 2^53 - 1 do n = n + 1 end
print(n)
local m = 0
for i = 1, 1/0 do m = m + 1 if m == 4 then break end end
print(m)
local k = 0
for i = -1/0, 0 do k = k + 1 break end
print(k)
local c = 0
for i = 1, 0/0 do c = c + 1 end
print(c)
