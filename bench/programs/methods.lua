--! what: closures and method calls through metatables (__index chains, __add, __eq, __call)
--! size: small=2000 default=800000
local n = tonumber(arg and arg[1]) or 800000

-- A two-level class chain: Vec inherits from Point through __index.
local Point = {}
Point.__index = Point
function Point.new(x, y) return setmetatable({ x = x, y = y }, Point) end
function Point:norm1()
    return (self.x < 0 and -self.x or self.x) + (self.y < 0 and -self.y or self.y)
end
function Point:scaled(k) return self.new(self.x * k, self.y * k) end

local Vec = setmetatable({}, { __index = Point })
Vec.__index = Vec
function Vec.new(x, y) return setmetatable({ x = x, y = y }, Vec) end
Vec.__add = function(a, b) return Vec.new(a.x + b.x, a.y + b.y) end
Vec.__eq = function(a, b) return a.x == b.x and a.y == b.y end

-- A callable accumulator whose state lives in upvalues of its closures.
local function accumulator()
    local total, calls = 0, 0
    local obj = setmetatable({}, {
        __call = function(_, v)
            total = total + v
            calls = calls + 1
            return total
        end,
    })
    return obj, function() return total, calls end
end

local function counter(start)
    local k = start
    return function(step)
        k = k + step
        return k
    end
end

local acc, read = accumulator()
local sum = Vec.new(0, 0)
local equal, closures = 0, 0
for i = 1, n do
    local p = Vec.new(i % 13 - 6, i % 7 - 3)
    sum = sum + p:scaled(2)
    if p == Vec.new(0, 0) then equal = equal + 1 end
    acc(p:norm1())
    if i % 8 == 0 then
        local c = counter(i)
        for j = 1, 4 do closures = closures + c(j) % 7 end
    end
end
local total, calls = read()
print(sum.x, sum.y, equal, total, calls, closures)
