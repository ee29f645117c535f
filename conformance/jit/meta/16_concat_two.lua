-- __concat with the table on either side of a two-operand CAT.
-- jv: [TRACE   2 16_concat_two.lua:9 loop]
local S = {__concat = function(a, b)
  if type(a) == "table" then return a.s .. "+" .. b end
  return a .. "+" .. b.s
end}
local o = setmetatable({s = "o"}, S)
local n = 0
for i = 1, 150 do
  local x = o .. i
  local y = i .. o
  n = n + #x + #y
end
print(n, o .. "end", "start" .. o)
