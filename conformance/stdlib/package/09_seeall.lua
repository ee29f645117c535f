-- package.seeall(t): t's metatable gets __index = _G (a metatable is created if needed).
local t = {}
package.seeall(t)
print(getmetatable(t).__index == _G, t.print == print, rawget(t, "print"))
local mt = { __newindex = function() end, marker = 1 }
local u = setmetatable({}, mt)
package.seeall(u)
print(getmetatable(u) == mt, mt.__index == _G, mt.marker)
print(select('#', package.seeall({})))
print(pcall(package.seeall))
print(pcall(package.seeall, "x"))
