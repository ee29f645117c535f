-- A ten-operand concatenation with two tables and numbers: three __concat calls
-- (right to left), runs of strings and numbers joined between them.
-- jv: [TRACE   2 40_concat_long.lua:9 loop]
local T = {__concat = function(a, b)
  return (type(a) == "table" and "[" .. a.id .. "]" or a) .. (type(b) == "table" and "[" .. b.id .. "]" or b)
end}
local x, y = setmetatable({id = "x"}, T), setmetatable({id = "y"}, T)
local r
for i = 1, 150 do
  r = 1 .. "a" .. x .. 2 .. "b" .. i .. y .. "c" .. 3 .. "d"
end
print(r)
