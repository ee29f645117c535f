-- Comparison errors name the two types.
print(pcall(function() return 1 < nil end))
print(pcall(function() return nil < 1 end))
print(pcall(function() return {} <= 1 end))
print(pcall(function() return "a" < 1 end))
print(pcall(function() return true < true end))
