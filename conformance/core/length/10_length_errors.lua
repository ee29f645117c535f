-- # on values without a length.
print(pcall(function() return #nil end))
print(pcall(function() return #1 end))
print(pcall(function() return #true end))
print(pcall(function() local f = print return #f end))
print(pcall(function() return #undefined_global end))
