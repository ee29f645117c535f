-- A table that gets a metatable with __index while the loop runs: the load that found
-- nothing without a metatable now exits and the interpreter calls __index.
-- jv: [TRACE   1 13_metatable_appears_later.lua:6 loop]
local t = {}
local s = 0
for i = 1, 400 do
  s = s + (t.x or 1)
  if i == 300 then setmetatable(t, { __index = function() return 10 end }) end
end
print(s)
