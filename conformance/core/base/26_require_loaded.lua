-- A value already in package.loaded is returned without loading; a module returning nothing
-- is recorded as true.
package.loaded["fake"] = {fake = true}
print(require("fake").fake)
package.preload["silent"] = function() end
print(require("silent"), package.loaded["silent"])
package.preload["setsown"] = function(name) package.loaded[name] = "own value" end
print(require("setsown"))
