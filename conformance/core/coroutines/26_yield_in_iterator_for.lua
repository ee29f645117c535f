-- lua5.1 cannot yield here (the for iterator is called across a C boundary); LuaJIT can.
-- Yielding from inside a generic for's iterator function.
local co = coroutine.wrap(function()
  local function iter(s, i)
    if i < 3 then coroutine.yield("iter at " .. i) return i + 1 end
  end
  local n = 0
  for i in iter, nil, 0 do n = n + i end
  return "sum " .. n
end)
print(co())
print(co())
print(co())
print(co())
