-- Method calls on tables (obj:m(...)) inline the method with self.
-- jv: [TRACE   1 10_method_calls.lua:8 loop]
local Acc = {}
Acc.__index = Acc
function Acc.new() return setmetatable({ n = 0, sum = 0 }, Acc) end
function Acc:add(v) self.n = self.n + 1; self.sum = self.sum + v end
local a = Acc.new()
for i = 1, 400 do a:add(i * 2) end
print(a.n, a.sum)
