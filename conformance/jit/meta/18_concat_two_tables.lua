-- Two tables in one long concatenation: __concat runs twice, the second time from the
-- continuation of the first; the metamethod's result may be a table again.
-- jv: [TRACE   1 18_concat_two_tables.lua:13 loop]
local T = {}
T.__concat = function(a, b)
  local l = type(a) == "table" and a.n or a
  local r = type(b) == "table" and b.n or b
  return setmetatable({n = l .. r}, T)
end
local x = setmetatable({n = "X"}, T)
local y = setmetatable({n = "Y"}, T)
local r
for i = 1, 150 do
  r = "p" .. x .. "q" .. i .. y .. "s" .. "t"
end
print(r.n)
