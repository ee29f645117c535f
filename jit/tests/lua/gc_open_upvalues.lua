-- Closures collected while the upvalues they captured are still open: the open
-- upvalues stay valid for the frame and for the closures that remain.
local ran = false
do
  setmetatable({}, {__gc = function() ran = true end})
end
collectgarbage()
collectgarbage()
print(ran)

local function keep_one()
  local a, b = 1, 2
  local drop = function() a = a + 10 end
  local keep = function() b = b + 1 return a, b end
  drop()
  drop = nil
  collectgarbage()
  collectgarbage()
  a = a + 1
  print(keep())
  return keep
end
local k = keep_one()
collectgarbage()
print(k())

for i = 1, 3 do
  local x = i
  local _ = function() return x end
  collectgarbage()
  x = x * 2
  print(x)
end
