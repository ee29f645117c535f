-- Induction variables at the top of the 32-bit range. A loop whose stop + step does not
-- fit is never narrowed; one narrowed on an earlier run, entered again with such a stop,
-- must leave through its overflow check and give the doubles the interpreter gives.
local function run(a, b, step)
  local c, last = 0, nil
  for i = a, b, step do
    c = c + 1
    last = i
  end
  return c, last
end
for _, n in ipairs({ 100, 200, 2 ^ 31 - 2, 2 ^ 31 - 1, 2 ^ 31, 2 ^ 31 + 1 }) do
  print(run(n - 90, n, 1))
  print(run(n - 90, n, 3))
end
print(run(2 ^ 31 - 200, 2 ^ 31 - 1, 7))
print(run(2147483600, 2147483647, 1))

-- The index of the last iterations, one past int max, seen through arithmetic.
local s = 0
for i = 2 ^ 31 - 60, 2 ^ 31 + 60 do s = s + (i - 2 ^ 31) end
print(s)
