-- A numeric string with a table: strings convert only when both operands do, so
-- "10" + t calls __add with the string itself.
-- jv: [TRACE   3 33_arith_string_operand.lua:9 loop]
local M = {__add = function(a, b)
  return (type(a) == "string" and 1 or 0) + (type(b) == "string" and 2 or 0)
end}
local t = setmetatable({}, M)
local s = 0
for i = 1, 150 do
  s = s + ("10" + t) + (t + "5") + ("3" + t)
end
print(s)
