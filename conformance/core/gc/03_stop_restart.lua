-- "stop" and "restart" return 0; the collector can still be run explicitly when stopped.
print(collectgarbage("stop"))
local t = setmetatable({}, {__mode = "k"})
t[{}] = true
collectgarbage("collect")
print(next(t))
print(collectgarbage("restart"))
