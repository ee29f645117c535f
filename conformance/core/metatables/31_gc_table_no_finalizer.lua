-- __gc on a table's metatable is not a finalizer in Lua 5.1.
local ran = false
do
  setmetatable({}, {__gc = function() ran = true end})
end
collectgarbage()
collectgarbage()
print(ran)
