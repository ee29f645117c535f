-- Method calls on objects made in the loop: the lookup walks the class chain with
-- the metatable guarded and the class loads hoisted, and the objects are not made at
-- all (sunk, with their metatable) unless an exit needs them. Classes changed in the
-- middle of the loop (a method replaced, an __index redirected) are seen at once.
-- jv: [TRACE   1 48_method_lookup_sunk.lua:23 loop]
-- jv: [TRACE   2 (1/*) 48_method_lookup_sunk.lua:25 -> 1]
local Point = {}
Point.__index = Point
function Point:norm() return self.x * self.x + self.y * self.y end
function Point:tag() return "P" end
local Vec = setmetatable({}, {__index = Point})
Vec.__index = Vec
function Vec.new(x, y) return setmetatable({x = x, y = y}, Vec) end
function Vec:sum() return self.x + self.y end
local Other = {norm = function(self) return -1 end, sum = function(self) return 0 end,
               tag = function(self) return "O" end}

local kept, s, tags = {}, 0, {}
local function keep(i, v)
  kept[#kept + 1] = v
  tags[#tags + 1] = i .. v:tag()
end
for i = 1, 300 do
  local v = Vec.new(i, 1)
  s = s + v:norm() + v:sum()
  if i % 50 == 0 then keep(i, v) end
  if i == 150 then Point.norm = function(self) return self.x end end
  if i == 200 then Vec.__index = Other end
  if i == 250 then Vec.__index = Vec end
end
print(s, #kept)
for _, v in ipairs(kept) do
  print(getmetatable(v) == Vec, v.x, v.y, v:norm(), v:sum(), v:tag())
end
print(table.concat(tags, " "))
