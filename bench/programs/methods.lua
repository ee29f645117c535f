-- Method calls via metatables: __index lookups and self calls.
local Point = {}
Point.__index = Point
function Point.new(x, y) return setmetatable({ x = x, y = y }, Point) end
function Point:add(o) return Point.new(self.x + o.x, self.y + o.y) end
function Point:norm1() return (self.x < 0 and -self.x or self.x) + (self.y < 0 and -self.y or self.y) end
local Vec = setmetatable({}, { __index = Point })
Vec.__index = Vec
function Vec.new(x, y) return setmetatable({ x = x, y = y }, Vec) end
local acc = Vec.new(0, 0)
local total = 0
for i = 1, 300000 do
    local p = Vec.new(i % 13 - 6, i % 7 - 3)
    acc = acc:add(p)
    total = total + p:norm1()
end
print(acc.x, acc.y, total)
