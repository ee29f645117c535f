-- Method calls returning several values into argument lists and constructors.
local obj = {v = {4, 5, 6}}
function obj:all() return unpack(self.v) end
print(obj:all())
local t = {obj:all()}
print(#t)
print(select("#", obj:all(), obj:all()))
