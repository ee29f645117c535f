-- LuaJIT's hooks are global: a hook set in the main thread also sees a coroutine's lines.
-- lua5.1 keeps hooks per coroutine.
local seen = 0
debug.sethook(function() seen = seen + 1 end, "l")
local co = coroutine.create(function()
  local a = 1
  local b = 2
  return a + b
end)
local before = seen
coroutine.resume(co)
local inside = seen - before
debug.sethook()
print(inside)
local evs = 0
local co2 = coroutine.create(function() local x = 1 x = x + 1 return x end)
debug.sethook(co2, function() evs = evs + 1 end, "l")
coroutine.resume(co2)
print(evs > 0, debug.gethook(co2) ~= nil)
