-- A numeric for loop whose start, stop and step are integers: its index becomes an
-- integer on trace (-Onarrow) and is turned back into the same double wherever one is
-- needed: arithmetic on doubles, table keys, a value written to the stack at an exit.
-- jv: [TRACE   1 05_int_induction_variable.lua:7 loop]
local s, t = 0, {}
local n = 1000
for i = 1, n do
  s = s + i
  t[i] = i * 0.5
end
print(s, #t, t[1], t[n])

-- The index read after an exit from inside the loop, and by the loop's own test.
local last
for i = 3, 300, 3 do
  last = i
  if i > 250 then break end
end
print(last)

-- A downward loop and one with a step that is not 1.
local d = {}
for i = 100, -100, -7 do d[#d + 1] = i end
print(#d, d[1], d[#d])
