-- setfenv(0, t) changes the globals of the running thread; new chunks use them.
local old = getfenv(0)
local newg = setmetatable({}, {__index = old})
setfenv(0, newg)
local f = loadstring("return marker")
newg.marker = "new globals"
print(f(), getfenv(0) == newg)
setfenv(0, old)
print(getfenv(0) == old)
