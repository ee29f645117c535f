-- debug.getfenv/setfenv on functions, threads and userdata.
local function f() return x end
local env = {x = "from env"}
print(debug.getfenv(f) == _G)
print(debug.setfenv(f, env) == f)
print(f())
print(debug.getfenv(f) == env)
print(type(debug.getfenv(io.stdout)))
print(debug.getfenv(5))
print(pcall(debug.setfenv, f, 5))
local co = coroutine.create(function() end)
print(debug.getfenv(co) == _G)
print(pcall(debug.setfenv, 1, {}))
