-- require uses package.preload and caches the result in package.loaded.
local loads = 0
package.preload["mymod"] = function(name)
  loads = loads + 1
  return {name = name, value = 42}
end
local m = require("mymod")
print(m.name, m.value, loads)
local m2 = require("mymod")
print(m2 == m, loads, package.loaded["mymod"] == m)
