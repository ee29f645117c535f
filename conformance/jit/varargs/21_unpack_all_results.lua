-- unpack's results all taken ({unpack(t)}, f(unpack(t, i, j)), select('#', unpack(t)))
-- with the table growing on a cold path: the length guard exits and the interpreter
-- (then a side trace) takes the new count.
-- jv: [TRACE   1 21_unpack_all_results.lua:12 loop]
-- jv: [TRACE   2 (1/*) 21_unpack_all_results.lua:13 -> 1]
local function sum(...)
  local a, b = ...
  return a + b + select('#', ...)
end
local t = {1, 2, 3, 4}
local s = 0
for i = 1, 300 do
  local u = {unpack(t)}
  s = s + #u + sum(unpack(t, 2, 3)) + select('#', unpack(t))
  if i == 150 then t[5] = 5 end
end
print(s, #t)
