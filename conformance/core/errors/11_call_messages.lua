-- Call errors name what was called.
local t = {}
local up
print(pcall(function() undefined_function() end))
print(pcall(function() local f; f() end))
print(pcall(function() t.missing() end))
print(pcall(function() t:method() end))
print(pcall(function() up() end))
print(pcall(function() local n = 1; n() end))
print(pcall(function() t["key"]() end))
print(pcall(function() ({})() end))
print(pcall(function() return (nil)() end))
