-- Errors on values produced by calls have no variable name.
local function nothing() end
print(pcall(function() return nothing().x end))
print(pcall(function() return nothing()() end))
print(pcall(function() return nothing() + 1 end))
