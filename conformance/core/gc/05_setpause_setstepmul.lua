-- "setpause" and "setstepmul" return the previous value.
local p = collectgarbage("setpause", 150)
print(type(p))
print(collectgarbage("setpause", p))
local s = collectgarbage("setstepmul", 300)
print(type(s))
print(collectgarbage("setstepmul", s))
