-- Method calls on string values go through the string metatable.
local s = "Hello"
print(s:len(), s:upper(), s:lower(), s:rep(2), s:reverse())
print(("%d"):format(7))
print(("abc"):byte(1, -1))
print(#("x"):rep(3))
print(getmetatable("").__index == string)
print(("a,b"):find(",", 1, true))
print(("a b"):gsub(" ", "_"))
string.shout = function(x) return x:upper() .. "!" end
print(("hi"):shout())
string.shout = nil
print(pcall(function() return ("hi"):shout() end))
