-- package.loaders: the four searchers, called directly, and replaced by a program's own.
print(type(package.loaders), #package.loaders)
for i = 1, #package.loaders do print(i, type(package.loaders[i])) end
package.path = "./?.lua"
package.cpath = "./?.so"
print(package.loaders[1]("nothere"))
print(package.loaders[2]("no.there"))
print(package.loaders[3]("no.there"))
print(package.loaders[4]("no.there"))
print(select('#', package.loaders[4]("nodot")))
package.preload.pre = print
print(package.loaders[1]("pre") == print)
print(pcall(package.loaders[1]))
-- a searcher of our own, first in the list
table.insert(package.loaders, 1, function(name)
  if name:match("^virtual%.") then
    return function(n) return "virtual module " .. n end
  end
  return "\n\tnot virtual: " .. name
end)
print(require("virtual.one"))
print(pcall(require, "real.one"))
-- searchers returning other values are skipped
package.loaders = { function() return 42 end, function() return nil end, function() return {} end }
print(pcall(require, "anything"))
package.loaders = {}
print(pcall(require, "anything"))
package.loaders = nil
print(pcall(require, "anything"))
package.loaders = "x"
print(pcall(require, "anything"))
