-- newproxy(proxy) shares the metatable of another proxy; finalizers run in reverse order.
local order = ""
do
  local a = newproxy(true)
  local mt = getmetatable(a)
  local names = {}
  mt.__gc = function(p) order = order .. names[p] end
  names[a] = "a"
  local b = newproxy(a)
  names[b] = "b"
  local c = newproxy(a)
  names[c] = "c"
  print(getmetatable(b) == mt, getmetatable(c) == mt)
end
collectgarbage()
collectgarbage()
print(order)
