-- A module loader's error propagates out of require; the marker require leaves in
-- package.loaded then makes a second require of the module fail (5.1 behaviour).
package.preload["broken"] = function() error("module failed to load", 0) end
print(pcall(require, "broken"))
local calls = 0
package.preload["retry"] = function() calls = calls + 1 if calls == 1 then error("first time", 0) end return "ok" end
print(pcall(require, "retry"))
print(pcall(require, "retry"))
print(calls)
