-- lua5.1's xpcall ignores extra arguments.
-- LuaJIT's xpcall passes extra arguments to the function (lua5.1 does not).
print(xpcall(function(a, b) return a + b end, function(m) return "H: " .. m end, 1, 2))
print(xpcall(function(...) return select("#", ...) end, print, nil, nil, nil))
