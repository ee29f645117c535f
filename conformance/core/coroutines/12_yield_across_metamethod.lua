-- LuaJIT can yield from inside a metamethod called from Lua code (lua5.1 cannot).
local mt = {__index = function(t, k) return coroutine.yield("need " .. k) end}
local co = coroutine.wrap(function()
  local t = setmetatable({}, mt)
  return "value: " .. t.foo
end)
print(co())
print(co("bar"))
