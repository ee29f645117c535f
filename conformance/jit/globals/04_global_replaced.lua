-- A global function replaced midway: the prototype guard exits at the call and the new
-- function runs there (then gets its own side trace, starting at the call).
-- jv: [TRACE   1 04_global_replaced.lua:7 loop]
-- jv: [TRACE   2 (1/*) 04_global_replaced.lua:8 -> 1]
function f(x) return x + 1 end
local s = 0
for i = 1, 600 do
  s = s + f(i)
  if i == 300 then f = function(x) return x * 2 end end
end
print(s)
