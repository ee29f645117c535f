-- setmetatable on a cold path of a traced loop swaps an object's metatable: the trace
-- built for the old one exits at the changed metamethod and the new one is called by
-- the interpreter (and by a side trace once hot).
-- jv: [TRACE   1 26_setmetatable_midloop.lua:12 loop]
-- jv: [TRACE   2 (1/*) 26_setmetatable_midloop.lua:13 -> 1]
local Old = {__sub = function(a, b) return a.n - b end}
local New = {__sub = function(a, b) return b - a.n end}
local o = setmetatable({n = 1000}, Old)
local s = 0
local swaps = 0
local order = {}
for i = 1, 400 do
  s = s + (o - i)
  if i % 100 == 0 then
    swaps = swaps + 1
    setmetatable(o, (swaps % 2 == 1) and New or Old)
  end
end
print(s, swaps)
