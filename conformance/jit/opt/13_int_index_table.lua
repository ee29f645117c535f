-- Integer indexes and integer arithmetic on them feeding table accesses.
local n = 500
local t = {}
for i = 1, n do t[i] = i end
local s = 0
for i = 2, n - 1 do
  s = s + t[i - 1] + t[i + 1] - 2 * t[i]
  t[i] = t[i] + t[i + 1]
end
print(s, t[2], t[n - 1], t[n])

local u = {}
for i = 1, 100 do u[2 * i] = i; u[2 * i + 1] = -i end
print(#u, u[2], u[3], u[200], u[201])

-- A negative and a zero index: hash keys, not the array part.
local h = {}
for i = -5, 5 do h[i] = i * i end
print(h[-5], h[0], h[5], #h)

-- An index equal to a count computed on trace.
local cnt = 0
for i = 1, 300 do
  if i + 1 == 151 then cnt = cnt + 1 end
  if i - 1 >= 299 then cnt = cnt + 10 end
end
print(cnt)
