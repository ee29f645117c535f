-- lua5.1 counts 10 iterations from -2^53: its loop steps differently where i + 1 rounds.
-- Bounds outside the 32-bit range and large negative ones.
local c = 0
for i = 1, 1e10 do
  c = c + i
  if i >= 5000 then break end
end
print(c)

local last
for i = -1e10, 0, 1e9 do last = i end
print(last)

local s = 0
for i = 2 ^ 31 - 3, 2 ^ 31 + 3 do s = s + i end
print(s)

local m = 0
for i = -2 ^ 31, -2 ^ 31 + 100 do m = m + 1 end
print(m)

local w = 0
for i = 2 ^ 40, 2 ^ 40 + 100 do w = w + (i - 2 ^ 40) end
print(w)

local k = 0
for i = -2 ^ 53, -2 ^ 53 + 10 do k = k + 1 end
print(k)

for i = 1, 1e308 do
  if i > 300 then print("big", i); break end
end
