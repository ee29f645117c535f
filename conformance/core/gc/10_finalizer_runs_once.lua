-- A __gc finalizer runs exactly once, however many collections follow.
local runs = 0
do
  local p = newproxy(true)
  getmetatable(p).__gc = function() runs = runs + 1 end
end
collectgarbage()
collectgarbage()
collectgarbage()
print(runs)
