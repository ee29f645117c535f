-- __call makes a table callable; the table is the first argument.
local obj = setmetatable({name = "obj"}, {__call = function(self, a, b) return self.name, a, b end})
print(obj(1, 2))
print(pcall(obj, "x"))
local mt = {}
mt.__call = function(self, ...) return select("#", ...) end
local c = setmetatable({}, mt)
print(c(), c(nil), c(1, 2, 3))
