-- __add on a table operand, recorded inline behind a continuation frame: the loop's
-- trace runs the metamethod's body and stores its result in the ADDVV's destination.
-- jv: [TRACE   1 01_add.lua:8 loop]
local V = {}
V.__add = function(a, b) return a.x + b end
local o = setmetatable({x = 3}, V)
local s = 0
for i = 1, 200 do
  s = s + (o + i)
end
print(s)
