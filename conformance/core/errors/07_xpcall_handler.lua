-- xpcall calls the handler with the error value; its result becomes the error value.
print(xpcall(function() error("boom") end, function(m) return "handled: " .. m end))
print(xpcall(function() return "no error", 2 end, function() return "unused" end))
print(xpcall(function() error({}) end, function(m) return type(m) end))
print(xpcall(function() local x = nil; return x.y end, function(m) return "H(" .. m .. ")" end))
