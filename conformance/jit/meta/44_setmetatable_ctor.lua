-- `setmetatable({...}, class)` in a constructor inlined into a loop is recorded (no
-- stitch): the loop is one trace, and the objects' methods resolve through __index
-- on trace. An exit in the middle restores the frames of the inlined constructor.
-- jv: [TRACE   1 44_setmetatable_ctor.lua:14 return]
-- jv: [TRACE   2 44_setmetatable_ctor.lua:21 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local P = {}
P.__index = P
function P.new(x, y)
  local o = setmetatable({x = x, y = y}, P)
  if x == 77 then cp("ctor") end
  return o
end
function P:sum() return self.x + self.y end
local Q = setmetatable({}, {__index = P})
Q.__index = Q
function Q.new(x) return setmetatable({x = x, y = -x}, Q) end
function Q:twice() return 2 * self:sum() + self.x end

local s, last = 0, nil
for i = 1, 200 do
  local p = P.new(i, i % 7)
  s = s + p:sum() + Q.new(i):twice()
  last = p
end
print(s, last.x, last.y, getmetatable(last) == P, getmetatable(Q.new(1)) == Q)
