-- __eq is called only for two tables (or two userdata) with the same __eq (5.1 rules).
local eq = function(a, b) return a.id == b.id end
local mt = {__eq = eq}
local a = setmetatable({id = 1}, mt)
local b = setmetatable({id = 1}, mt)
local c = setmetatable({id = 2}, mt)
print(a == b, a == c, a ~= b, a ~= c)
local other = setmetatable({id = 1}, {__eq = function() return true end})
print(a == other)
local same_fn = setmetatable({id = 1}, {__eq = eq})
print(a == same_fn)
print(a == 1, a == "x", a == nil)
