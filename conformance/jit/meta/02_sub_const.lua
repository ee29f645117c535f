-- Arithmetic metamethods with a constant operand on either side (SUBVN, SUBNV,
-- MULVN, DIVNV, MODVN): the constant is passed to the metamethod as itself.
-- jv: [TRACE   2 02_sub_const.lua:12 loop]
local M = {}
M.__sub = function(a, b) return (type(a) == "table" and a.v or a) - (type(b) == "table" and b.v or b) end
M.__mul = function(a, b) return a.v * b end
M.__div = function(a, b) return a / b.v end
M.__mod = function(a, b) return a.v % b end
M.__pow = function(a, b) return a.v ^ b end
local o = setmetatable({v = 7}, M)
local acc = 0
for i = 1, 150 do
  acc = acc + (o - 1) + (10 - o) + (o * 2) + (14 / o) + (o % 4) + (o ^ 2)
end
print(acc)
