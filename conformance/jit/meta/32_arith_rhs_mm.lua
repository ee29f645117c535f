-- Only the second operand has the metamethod: the first one's lookup finds nothing
-- (guarded so) and the second's is called, with the operands in their order.
-- jv: [TRACE   1 32_arith_rhs_mm.lua:10 loop]
local R = {__add = function(a, b) return a * 10 + b.v end,
           __div = function(a, b) return type(a) .. "/" .. type(b) end}
local plain = {}
local r = setmetatable({v = 7}, R)
local s = 0
local d
for i = 1, 150 do
  s = s + (i + r)
  d = plain / r
end
print(s, d)
