-- An environment with __index falling back to _G: a sandbox.
local sandbox = setmetatable({}, {__index = _G})
local f = loadstring("shadow = 'inside' return print ~= nil, shadow")
setfenv(f, sandbox)
print(f())
print(shadow, sandbox.shadow)
