-- module's errors: a name taken by a non-table, not called from Lua, bad options.
conflict = 5
print(pcall(function() module("conflict") end))
nested = { sub = 7 }
print(pcall(function() module("nested.sub.deep") end))
print(pcall(module, "from_c"))
print(pcall(function() module("badopt", 42) end))
print(pcall(function() module() end))
print(pcall(function() module({}) end))
print(type(from_c), type(badopt))
