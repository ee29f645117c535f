-- Indexing non-tables errors; the message names the variable.
local n = nil
print(pcall(function() return n.x end))
print(pcall(function() return undefined.x end))
print(pcall(function() local t = {} return t.a.b end))
print(pcall(function() local s = 5 s.x = 1 end))
print(pcall(function() local b = true return b[1] end))
