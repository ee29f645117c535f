-- collector: weak tables, __gc through newproxy, collectgarbage options
local weak = setmetatable({}, {__mode = "k"})
local key = {}
weak[key] = "alive"
weak[{}] = "dead"
collectgarbage()
local n = 0
for k, v in pairs(weak) do n = n + 1 end
print(n, weak[key])
local wv = setmetatable({}, {__mode = "v"})
wv[1] = {}
wv[2] = "str"
wv[3] = key
collectgarbage()
print(wv[1], wv[2], wv[3] == key)
local finalized = 0
do
  local p = newproxy(true)
  getmetatable(p).__gc = function() finalized = finalized + 1 end
end
collectgarbage()
collectgarbage()
print(finalized)
print(type(collectgarbage("count")), collectgarbage("step"), collectgarbage("stop"), collectgarbage("restart"))
print(collectgarbage("setpause", 150), collectgarbage("setpause", 200))
print(collectgarbage("setstepmul", 300), collectgarbage("setstepmul", 200))
print(pcall(collectgarbage, "bogus"))
local before = collectgarbage("count")
for i = 1, 100000 do local t = {i, tostring(i)} end
collectgarbage()
print(collectgarbage("count") < before + 1024)
print(type(gcinfo()))
local p2 = newproxy(false)
print(getmetatable(p2), type(p2))
