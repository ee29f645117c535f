-- Missing arguments are nil, missing results are nil, extra ones are dropped.
local function f(a, b, c) if c == nil then return a end return a + b + c end
local function none() end
local function two() return 1, 2 end
local s, n, z = 0, 0, 0
for i = 1, 400 do
  s = s + f(i)
  local x = none()
  if x == nil then n = n + 1 end
  local p, q, r = two()
  if r == nil then z = z + p + q end
end
print(s, n, z)
