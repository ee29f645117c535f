-- Two tables in one long concatenation: __concat runs for each table operand, each
-- call after the first from the continuation of the one before; the metamethod's
-- result is a table again (taken from a ring of premade objects), so the chain of
-- calls goes on down to the first operand.
-- jv: [TRACE   5 18_concat_two_tables.lua:20 loop]
local T = {}
local ring, at = {}, 0
T.__concat = function(a, b)
  local l = type(a) == "table" and a.n or a
  local r = type(b) == "table" and b.n or b
  at = at % 8 + 1
  local o = ring[at]
  o.n = l .. r
  return o
end
for i = 1, 8 do ring[i] = setmetatable({}, T) end
local x = setmetatable({n = "X"}, T)
local y = setmetatable({n = "Y"}, T)
local r
for i = 1, 150 do
  r = "p" .. x .. "q" .. i .. y .. "s" .. "t"
end
print(r.n, at)
