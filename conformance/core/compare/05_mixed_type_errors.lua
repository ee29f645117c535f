-- Ordering values of different types (or non-orderable types) is an error.
print(pcall(function() return 1 < "2" end))
print(pcall(function() return "a" < 1 end))
print(pcall(function() return 1 < nil end))
print(pcall(function() return {} < {} end))
print(pcall(function() return nil <= nil end))
print(pcall(function() return true > false end))
print(pcall(function() return print < print end))
print(pcall(function() local x return x >= 1 end))
