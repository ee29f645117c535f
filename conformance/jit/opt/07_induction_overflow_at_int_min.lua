-- Induction variables at the bottom of the 32-bit range, counting down.
local function run(a, b, step)
  local c, last = 0, nil
  for i = a, b, step do
    c = c + 1
    last = i
  end
  return c, last
end
for _, n in ipairs({ -100, -200, -2 ^ 31 + 1, -2 ^ 31, -2 ^ 31 - 1 }) do
  print(run(n + 90, n, -1))
  print(run(n + 90, n, -4))
end
print(run(-2147483600, -2147483648, -1))
print(run(-2147483000, -2147483648, -100))

-- Steps that are themselves at the edges.
print(run(0, 2 ^ 31 - 1, 2 ^ 30))
print(run(0, -2 ^ 31, -2 ^ 30))
print(run(-2 ^ 31, 2 ^ 31 - 1, 2 ^ 31 - 1))
