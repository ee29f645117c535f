-- Concatenating anything but strings and numbers is an error.
print(pcall(function() return "a" .. nil end))
print(pcall(function() return "a" .. {} end))
print(pcall(function() return true .. "a" end))
print(pcall(function() local x return x .. "a" end))
print(pcall(function() local t = {} return "a" .. t.field end))
