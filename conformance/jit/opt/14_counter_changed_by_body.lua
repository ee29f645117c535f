-- The visible loop variable assigned in the body: the loop itself goes on from its
-- hidden index, whatever the body made of its copy.
local out = {}
for i = 1, 20 do
  i = i * 2
  out[#out + 1] = i
end
print(#out, out[1], out[20])

local f = {}
for i = 1, 30 do
  i = i + 0.5
  f[#f + 1] = i
end
print(#f, f[1], f[30])

local kinds = {}
for i = 1, 60 do
  if i % 3 == 0 then i = tostring(i) end
  kinds[#kinds + 1] = type(i)
end
print(kinds[1], kinds[3], kinds[60], #kinds)

local big = 0
for i = 1, 40 do
  i = i + 2 ^ 31
  big = big + (i - 2 ^ 31)
end
print(big)
