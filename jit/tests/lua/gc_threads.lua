-- closures outliving their coroutine keep their upvalues; collected threads close them
local getters = {}
for i = 1, 50 do
  local co = coroutine.create(function()
    local x = i * 10
    getters[i] = function() x = x + 1 return x end
    coroutine.yield()
    x = -1
  end)
  coroutine.resume(co)
end
collectgarbage()
collectgarbage()
local sum = 0
for i = 1, 50 do sum = sum + getters[i]() end
print(sum)
for i = 1, 50 do sum = sum + getters[i]() end
print(sum)
-- a coroutine that died with an error: its closures still work
local keep
local dead = coroutine.create(function()
  local v = "kept"
  keep = function() return v end
  error("boom")
end)
print(coroutine.resume(dead))
dead = nil
collectgarbage()
print(keep())
-- many short-lived coroutines and tables do not accumulate
for round = 1, 200 do
  local co = coroutine.wrap(function(a) local t = {a, {a}} coroutine.yield(t) return #t end)
  co(round)
end
collectgarbage()
print(collectgarbage("count") < 2048)
-- weak-keyed cache with string keys keeps them; table keys go
local cache = setmetatable({}, {__mode = "k"})
cache["str"] = 1
cache[{}] = 2
collectgarbage()
local n = 0
for k in pairs(cache) do n = n + 1 end
print(n, cache.str)
-- finalizer resurrects nothing and runs once
local runs = 0
local p = newproxy(true)
getmetatable(p).__gc = function() runs = runs + 1 end
p = nil
collectgarbage() collectgarbage() collectgarbage()
print(runs)
