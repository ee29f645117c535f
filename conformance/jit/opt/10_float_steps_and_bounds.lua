-- Loops that are not integer loops: fractional steps, starts and stops. Nothing may
-- be narrowed, and a trace narrowed for one call must not be wrong for the next.
local function sum(a, b, step)
  local s, c = 0, 0
  for i = a, b, step do
    s = s + i
    c = c + 1
  end
  return s, c
end
print(sum(1, 10, 0.5))
print(sum(0.5, 50, 1))
print(sum(1, 100.5, 1))
print(sum(10, 1, -0.25))
print(sum(1, 100, 1))
print(sum(1.5, 100, 1))
print(sum(1, 100, 1))
print(sum(0.1, 1, 0.1))
print(sum(1, 200, 2))
print(sum(1, 200, 2.5))
