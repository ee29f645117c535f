-- Tail calls through methods and __call metamethods.
local obj = {n = 0}
function obj:step(k)
  if k == 0 then return self.n end
  self.n = self.n + 1
  return self:step(k - 1)
end
print(obj:step(200000))
local callable = setmetatable({}, {__call = function(self, k)
  if k == 0 then return "bottom" end
  return self(k - 1)
end})
print(callable(100))
