-- The callee of f(g(...)) changes while g's count of results alternates (2 or 4): the
-- exit at the call must restore the count of values g left, which the interpreter
-- did not see (g ran on trace). A divergence found while writing this section.
-- jv: [TRACE * 12_multres_count_restored.lua:8 loop]
local function g(i) if i % 2 == 0 then return i, 1 else return i, 1, 2, 3 end end
function F(...) return select('#', ...) * 1000 + (...) end
local s = 0
for i = 1, 400 do
  s = s + F(g(i))
  if i == 201 or i == 302 then F = function(...) return select('#', ...) end end
end
print(s)
