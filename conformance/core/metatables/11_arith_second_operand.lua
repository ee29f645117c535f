-- When the first operand has no metamethod, the second operand's is used.
local A = setmetatable({}, {__add = function() return "A" end})
local B = setmetatable({}, {__add = function() return "B" end})
local plain = {}
print(A + B, B + A, plain + A, A + plain)
print(pcall(function() return plain + plain end))
