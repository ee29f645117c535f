-- A five-operand concatenation with a table in the middle: the strings right of it are
-- joined first, then __concat(table, "cd") runs, and its continuation joins the rest.
-- jv: [TRACE   1 17_concat_chain5.lua:9 loop]
local T = {__concat = function(a, b)
  return "<" .. (type(a) == "table" and a.n or a) .. "|" .. (type(b) == "table" and b.n or b) .. ">"
end}
local t = setmetatable({n = "T"}, T)
local last
for i = 1, 150 do
  last = "a" .. i .. t .. "c" .. "d"
end
print(last)
