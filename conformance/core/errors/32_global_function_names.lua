-- Calling global fields: "global 'name'" versus "field 'name'".
local lib = {}
print(pcall(function() lib.fn() end))
print(pcall(function() _G.nothing() end))
print(pcall(function() nothing_here() end))
