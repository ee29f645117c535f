-- A table with __call works as an iterator.
local it = setmetatable({n = 0}, {__call = function(self, s, c)
  self.n = self.n + 1
  if self.n <= 3 then return self.n * 10 end
end})
for v in it do print(v) end
