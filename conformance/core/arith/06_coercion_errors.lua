-- Strings that are not numbers make arithmetic fail.
print(pcall(function() return "abc" + 1 end))
print(pcall(function() return 1 + "" end))
print(pcall(function() return "1x" * 2 end))
print(pcall(function() return -"z" end))
print(pcall(function() return {} + 1 end))
print(pcall(function() return 1 + nil end))
print(pcall(function() return true * 1 end))
