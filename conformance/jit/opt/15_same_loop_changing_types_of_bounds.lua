-- One loop, one trace, entered with integer bounds first and then with fractional,
-- huge and -0 ones: the integer loads must leave the trace for each of those.
local function f(a, b, s)
  local acc, n, last = 0, 0, nil
  for i = a, b, s do
    acc = acc + i
    n = n + 1
    last = i
  end
  return acc, n, last
end
local args = {
  { 1, 100, 1 }, { 1, 100, 1 }, { 5, 200, 3 }, { 0.5, 100, 1 }, { 1, 100.5, 1 }, { 1, 100, 0.5 },
  { 2 ^ 31 - 50, 2 ^ 31 + 50, 1 }, { -2 ^ 31 - 20, -2 ^ 31 + 20, 1 }, { 0 * -1, 10, 1 }, { 1, 100, 1 },
  { 100, 1, -1 }, { 100, 1, -1.5 }, { 1, 2 ^ 31 - 1, 2 ^ 30 }, { 3, 3, 1 }, { 4, 3, 1 },
}
for _, x in ipairs(args) do print(f(x[1], x[2], x[3])) end
