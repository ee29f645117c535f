-- debug.getinfo on another coroutine's levels.
local co = coroutine.create(function()
  local function deep() coroutine.yield() end
  deep()
end)
coroutine.resume(co)
for l = 0, 3 do
  local i = debug.getinfo(co, l, "Sln")
  if i then print(l, i.what, i.currentline, i.name) else print(l, nil) end
end
