-- Numbers around a table in a concatenation: they are passed to __concat as numbers
-- (not converted), and the joined strings right of the table are one string.
-- jv: [TRACE   1 19_concat_numbers.lua:10 loop]
local seen = {}
local T = {__concat = function(a, b)
  return type(a) .. ":" .. type(b)
end}
local t = setmetatable({}, T)
local out
for i = 1, 120 do
  out = 1.5 .. t .. 2 .. 3
end
print(out)
print(1 .. t, t .. 1, "s" .. t)
