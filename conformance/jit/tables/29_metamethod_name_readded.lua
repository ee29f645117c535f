-- A metatable whose __index is removed (its node stays, dead) and stored again into
-- that node, in a loop: lookups in between cache "no __index" in the metatable, and the
-- store must drop that cache, in the interpreter and on trace alike.
-- jv: [TRACE * 29_metamethod_name_readded.lua:9 loop]
local mt = {}
local t = setmetatable({}, mt)
local fallback = function() return 5 end
local hits = 0
for i = 1, 300 do
  mt.__index = nil
  if t.x == nil then hits = hits + 1 end
  mt.__index = fallback
  if t.x == 5 then hits = hits + 10 end
end
print(hits)
