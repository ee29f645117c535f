-- lua5.1 positions the loop error of a tail-called require (LuaJIT has no Lua caller there).
-- A module requiring itself, a loader that fails, and what require says afterwards.
package.path = "./?.lua"
package.cpath = "./?.so"
package.preload.loop = function(name) return require(name) end
print(pcall(require, "loop"))
print(package.loaded.loop ~= nil)
print(pcall(require, "loop"))
package.preload.boom = function() error("boom!") end
print(pcall(require, "boom"))
print(pcall(require, "boom"))
package.preload.tbl = function() error({ code = 7 }) end
local ok, e = pcall(require, "tbl")
print(ok, type(e), e.code)
-- clearing the entry lets the module be loaded again
package.loaded.boom = nil
package.preload.boom = function() return "second try" end
print(require("boom"))
-- mutual requirement
package.preload.m1 = function() local m2 = require("m2") return "m1+" .. tostring(m2) end
package.preload.m2 = function() return "m2:" .. tostring(pcall(require, "m1")) end
print(require("m1"))
-- a loader that is not a function: preload holds a callable table
package.preload.callable = setmetatable({}, { __call = function(self, n) return "called " .. n end })
print(pcall(require, "callable"))
