-- A vararg __call: its frame goes above the arguments (the object first), and
-- select('#', ...) counts what the interpreter passes.
-- jv: [TRACE   1 15_call_vararg.lua:9 loop]
local C = {__call = function(self, ...)
  return select("#", ...) + self.k + (... or 0)
end}
local obj = setmetatable({k = 100}, C)
local s = 0
for i = 1, 150 do
  s = s + obj(i, nil, 3) + obj()
end
print(s)
