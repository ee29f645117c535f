-- Concatenation errors name the offending operand.
local t = {}
print(pcall(function() return "a" .. t end))
print(pcall(function() return t.x .. "a" end))
print(pcall(function() local v = true return v .. "a" end))
print(pcall(function() return "a" .. undefined_g end))
print(pcall(function() return 1 .. {} .. 2 end))
