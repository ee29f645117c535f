-- Recursive string building: concatenation results flow up through the returns.
local function rep(s, n)
  if n == 0 then return "" end
  if n % 2 == 0 then local h = rep(s, n / 2) return h .. h end
  return s .. rep(s, n - 1)
end
print(#rep("ab", 1000), rep("x", 5), rep("ab", 3))
local function digits(n) if n < 10 then return tostring(n) end return digits(math.floor(n / 10)) .. "," .. (n % 10) end
print(digits(9876543210))
