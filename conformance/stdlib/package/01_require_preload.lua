-- require through package.preload: the loader gets the name, its result is cached in
-- package.loaded, and a loader returning nothing leaves true there.
local calls = 0
package.preload.alpha = function(...)
  calls = calls + 1
  print("loader args", select('#', ...), ...)
  return { tag = "alpha" }
end
local a = require("alpha")
print(a.tag, calls)
print(require("alpha") == a, package.loaded.alpha == a, calls)
package.preload.quiet = function() end
print(require("quiet"), package.loaded.quiet)
package.preload.falsy = function() return false end
print(require("falsy"), package.loaded.falsy)
-- a loader that stores its own result wins over returning nothing
package.preload.self = function(name) package.loaded[name] = "stored" end
print(require("self"))
-- a loader's non-nil result replaces what it stored
package.preload.both = function(name) package.loaded[name] = "stored" return "returned" end
print(require("both"))
-- an already loaded value is returned without searching
package.loaded.ready = 123
print(require("ready"))
-- a false value in package.loaded does not count as loaded
package.loaded.again = false
package.preload.again = function() return "fresh" end
print(require("again"))
-- the standard libraries are preloaded
print(require("string") == string, require("_G") == _G, require("package") == package)
-- a number name is converted to a string
package.preload["7"] = function(n) return type(n) .. ":" .. n end
print(require(7))
print(pcall(require))
print(pcall(require, {}))
