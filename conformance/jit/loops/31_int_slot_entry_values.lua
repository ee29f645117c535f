-- The integer slot loads of a numeric for loop's trace (narrowed index, stop, step) on
-- later entries with values that are no 32-bit integers: fractions, -0, the edges of
-- the 32-bit range, 2^51 and beyond, infinities. Each must leave the trace (or never
-- enter it) and give the interpreter's result.
-- jv: [TRACE   1 31_int_slot_entry_values.lua:9 loop]
local function sum(a, b, c)
  local s, n = 0, 0
  -- A body long enough that a pass is worth a trace, whatever the bounds.
  for i = a, b, c do
    s = s + i; n = n + 1
  end
  return s, n
end
print(sum(1, 300, 1))
local cases = {
  { 0.5, 10, 1 }, { -0.0, 3, 1 }, { 1, 3.5, 1 }, { 1, 10, 0.5 },
  { 2147483645, 2147483650, 1 }, { -2147483650, -2147483645, 1 },
  { 2147483647, 2147483647, 1 }, { -2147483648, -2147483646, 1 },
  { 2 ^ 51 - 2, 2 ^ 51 + 2, 1 }, { 2 ^ 52, 2 ^ 52 + 4, 2 }, { 2 ^ 53 - 2, 2 ^ 53 - 1, 1 },
  { 1, 2 ^ 62, 2 ^ 60 }, { math.huge, 1, 1 }, { 1, -math.huge, 1 }, { 10, 1, -3 }, { 3, 1, 1 },
  { 4503599627370496.5, 4503599627370498, 1 }, { 2, 2 ^ 31 + 1, 2 ^ 30 },
}
for _, c in ipairs(cases) do
  local s, n = sum(c[1], c[2], c[3])
  print(string.format("%.17g %.17g %.17g -> %.17g %d", c[1], c[2], c[3], s, n))
end
print(sum(1, 300, 1))
