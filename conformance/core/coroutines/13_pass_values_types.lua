-- Any values pass through resume and yield, including nil and tables.
local co = coroutine.create(function(...)
  local args = {...}
  while true do
    args = {coroutine.yield(select("#", unpack(args, 1, 3)), args[1], args[3])}
  end
end)
print(coroutine.resume(co, nil, nil, nil))
print(coroutine.resume(co, 1, 2, 3))
local t = {}
local _, n, first = coroutine.resume(co, t)
print(n, first == t)
