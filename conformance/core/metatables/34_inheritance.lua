-- Two-level inheritance with method override and super call.
local Base = {}
Base.__index = Base
function Base.new(n) return setmetatable({n = n}, Base) end
function Base:describe() return "base " .. self.n end
function Base:twice() return self:describe() .. "/" .. self:describe() end
local Derived = setmetatable({}, {__index = Base})
Derived.__index = Derived
function Derived.new(n) return setmetatable(Base.new(n), Derived) end
function Derived:describe() return "derived(" .. Base.describe(self) .. ")" end
local d = Derived.new(7)
print(d:twice())
print(Base.new(1):twice())
