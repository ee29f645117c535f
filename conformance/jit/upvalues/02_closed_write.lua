-- Writes of closed upvalues, visible to another closure sharing them.
-- jv: [TRACE   1 02_closed_write.lua:5 loop]
local function counter()
  local c = 0
  return function(n) for i = 1, n do c = c + i end end, function() return c end
end
local add, get = counter()
add(300)
add(10)
print(get())
