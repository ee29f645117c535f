-- A userdata with __index and __eq (newproxy): the metamethods of a non-table value are
-- looked up through its metatable just the same.
-- jv: [TRACE * 34_udata_index.lua:12 loop]
local u = newproxy(true)
local v = newproxy(u)
local mt = getmetatable(u)
mt.__index = function(self, k) return k + 1 end
mt.__eq = function(a, b) return true end
mt.__add = function(a, b) return 5 end
local s = 0
local eqs = 0
for i = 1, 150 do
  s = s + u[i] + (u + i)
  if u == v then eqs = eqs + 1 end
end
print(s, eqs)
